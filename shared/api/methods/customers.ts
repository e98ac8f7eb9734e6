import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { id, page, text } from './fields.ts'

// Customers, shared by every store like the catalog.

export const customersInputs = {
  'customers.search': z.strictObject({
    query: z.string().trim().max(100),
    limit: z.int().min(1).max(50).default(10),
  }),
  'customers.list': z.strictObject({ query: z.string().trim().max(100).default(''), ...page }),
  'customers.get': z.strictObject({ id }),
  'customers.upsert': z.strictObject({
    id: id.optional(),
    name: text(200),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^$|^\+?[0-9][0-9 ()./-]{2,}$/, 'a phone number: digits, spaces, + ( ) - /')
      .default(''),
    email: z.union([z.literal(''), z.email('an e-mail address such as ana@example.com')]).default(''),
    note: z.string().trim().max(500).default(''),
  }),
  'customers.archive': z.strictObject({ id, archived: z.boolean() }),
  'customers.purchases': z.strictObject({ customerId: id, ...page }),
} as const

export interface CustomersOutputs {
  'customers.search': { items: V.CustomerView[] }
  'customers.list': { items: V.CustomerView[]; total: number }
  'customers.get': V.CustomerView
  'customers.upsert': V.CustomerView
  'customers.archive': V.CustomerView
  'customers.purchases': { items: V.SaleSummary[]; total: number }
}

export const customersAccess = {
  'customers.search': 'cashier',
  'customers.list': 'manager',
  'customers.get': 'cashier',
  'customers.upsert': 'cashier',
  'customers.archive': 'manager',
  'customers.purchases': 'cashier',
} as const satisfies Record<keyof typeof customersInputs, Access>
