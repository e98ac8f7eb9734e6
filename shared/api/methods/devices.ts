import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { id } from './fields.ts'

// Devices (tills) of the chain.

export const devicesInputs = {
  'devices.retire': z.strictObject({ successorReplicaId: id, confirm: z.literal(true) }),
} as const

export interface DevicesOutputs {
  'devices.retire': V.RetireView
}

export const devicesAccess = {
  'devices.retire': 'owner',
} as const satisfies Record<keyof typeof devicesInputs, Access>
