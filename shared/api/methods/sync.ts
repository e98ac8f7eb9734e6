import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, text } from './fields.ts'

// The link to the relay.

export const syncInputs = {
  'sync.status': empty,
  'sync.link': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
  }),
  /** Moves an already linked store to another relay (owner); the old link stays if enrollment fails. */
  'sync.relink': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
  }),
} as const

export interface SyncOutputs {
  'sync.status': V.SyncStatus
  'sync.link': V.SyncStatus
  'sync.relink': V.SyncStatus
}

export const syncAccess = {
  'sync.status': 'public',
  'sync.link': 'owner',
  'sync.relink': 'owner',
} as const satisfies Record<keyof typeof syncInputs, Access>
