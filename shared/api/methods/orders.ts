import { z } from 'zod'
import { orderStatuses } from '../../core/events.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id, idempotencyKey, qty, text } from './fields.ts'

// Customer orders and the holds they make.

export const ordersMethods = {
  'orders.create': method(
    'manager',
    z.strictObject({
      idempotencyKey,
      customer: text(200),
      lines: z
        .array(z.strictObject({ productId: id, qty }))
        .min(1)
        .max(200),
      holdDays: z.int().min(1).max(60).default(7),
    }),
    returns<V.OrderView>(),
  ),
  'orders.advance': method(
    'manager',
    z.strictObject({
      orderId: id,
      status: z.enum(orderStatuses).exclude(['pending', 'cancelled']),
    }),
    returns<V.OrderView>(),
  ),
  'orders.cancel': method('manager', z.strictObject({ orderId: id }), returns<V.OrderView>()),
  'orders.list': method(
    'cashier',
    z.strictObject({ status: z.enum(orderStatuses).optional() }),
    returns<{ items: V.OrderView[] }>(),
  ),
} as const
