import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id } from './fields.ts'

// Devices (tills) of the chain.

export const devicesMethods = {
  'devices.retire': method(
    'owner',
    z.strictObject({ successorReplicaId: id, confirm: z.literal(true) }),
    returns<V.RetireView>(),
  ),
} as const
