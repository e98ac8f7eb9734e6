import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id } from './fields.ts'

// Shipments of local-stock products between stores.

export const shipmentsMethods = {
  'shipments.list': method(
    'manager',
    z.strictObject({ limit: z.int().min(1).max(1000).default(200) }),
    returns<{ items: V.ShipmentView[] }>(),
  ),
  'shipments.receive': method(
    'manager',
    z.strictObject({
      transferId: id,
      damagedQty: z.int().min(0).max(1_000_000).default(0),
      lostQty: z.int().min(0).max(1_000_000).default(0),
      note: z.string().max(500).optional(),
    }),
    returns<V.ShipmentView>(),
  ),
} as const
