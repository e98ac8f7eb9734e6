import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { id } from './fields.ts'

// Shipments of local-stock products between stores.

export const shipmentsInputs = {
  'shipments.list': z.strictObject({ limit: z.int().min(1).max(1000).default(200) }),
  'shipments.receive': z.strictObject({
    transferId: id,
    damagedQty: z.int().min(0).max(1_000_000).default(0),
    lostQty: z.int().min(0).max(1_000_000).default(0),
    note: z.string().max(500).optional(),
  }),
} as const

export interface ShipmentsOutputs {
  'shipments.list': { items: V.ShipmentView[] }
  'shipments.receive': V.ShipmentView
}

export const shipmentsAccess = {
  'shipments.list': 'manager',
  'shipments.receive': 'manager',
} as const satisfies Record<keyof typeof shipmentsInputs, Access>
