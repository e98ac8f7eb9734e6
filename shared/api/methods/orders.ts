import { z } from 'zod'
import { orderStatuses } from '../../core/events.ts'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { id, idempotencyKey, qty, text } from './fields.ts'

// Customer orders and the holds they make.

export const ordersInputs = {
  'orders.create': z.strictObject({
    idempotencyKey,
    customer: text(200),
    lines: z
      .array(z.strictObject({ productId: id, qty }))
      .min(1)
      .max(200),
    holdDays: z.int().min(1).max(60).default(7),
  }),
  'orders.advance': z.strictObject({
    orderId: id,
    status: z.enum(orderStatuses).exclude(['pending', 'cancelled']),
  }),
  'orders.cancel': z.strictObject({ orderId: id }),
  'orders.list': z.strictObject({ status: z.enum(orderStatuses).optional() }),
} as const

export interface OrdersOutputs {
  'orders.create': V.OrderView
  'orders.advance': V.OrderView
  'orders.cancel': V.OrderView
  'orders.list': { items: V.OrderView[] }
}

export const ordersAccess = {
  'orders.create': 'manager',
  'orders.advance': 'manager',
  'orders.cancel': 'manager',
  'orders.list': 'cashier',
} as const satisfies Record<keyof typeof ordersInputs, Access>
