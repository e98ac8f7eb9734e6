import { describeEscrowProperty } from './escrow-property.ts'

// Shard 2 of 2 of the escrow property suite (two files so vitest runs them on two workers).
describeEscrowProperty(2, 2)
