import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, text } from './fields.ts'

// The link to the relay.

export const syncMethods = {
  'sync.status': method('public', empty, returns<V.SyncStatus>()),
  'sync.link': method(
    'owner',
    z.strictObject({
      relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
      enrollmentCode: text(100),
    }),
    returns<V.SyncStatus>(),
  ),
  /** Moves an already linked store to another relay (owner); the old link stays if enrollment fails. */
  'sync.relink': method(
    'owner',
    z.strictObject({
      relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
      enrollmentCode: text(100),
    }),
    returns<V.SyncStatus>(),
  ),
} as const
