import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { email, id, page, phone, text } from './fields.ts'

// Customers, shared by every store like the catalog.

export const customersMethods = {
  'customers.search': method(
    'cashier',
    z.strictObject({
      query: z.string().trim().max(100),
      limit: z.int().min(1).max(50).default(10),
    }),
    returns<{ items: V.CustomerView[] }>(),
  ),
  'customers.list': method(
    'manager',
    z.strictObject({ query: z.string().trim().max(100).default(''), ...page }),
    returns<{ items: V.CustomerView[]; total: number }>(),
  ),
  'customers.get': method('cashier', z.strictObject({ id }), returns<V.CustomerView>()),
  'customers.upsert': method(
    'cashier',
    z.strictObject({
      id: id.optional(),
      name: text(200),
      phone,
      email,
      note: z.string().trim().max(500).default(''),
    }),
    returns<V.CustomerView>(),
  ),
  'customers.archive': method(
    'manager',
    z.strictObject({ id, archived: z.boolean() }),
    returns<V.CustomerView>(),
  ),
  'customers.purchases': method(
    'cashier',
    z.strictObject({ customerId: id, ...page }),
    returns<{ items: V.SaleSummary[]; total: number }>(),
  ),
} as const
