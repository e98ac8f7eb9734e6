import { saleSummary } from '../receipts/sale-summary.ts'
import { getCustomers, readCustomer, writeCustomer, type CustomerRecord } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { sharedRecords } from '../api/shared-records.ts'

function customerView(id: string, c: CustomerRecord): V.CustomerView {
  return { id, name: c.name, phone: c.phone, email: c.email, note: c.note, archived: c.archived }
}

const normalise = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
const digitsOf = (s: string): string => s.replace(/\D/g, '')

/**
 * Does the customer match what the cashier typed: every word in the name or e-mail, or the digits
 * in the phone number (typed with or without spaces and dashes).
 */
function matches(c: CustomerRecord, query: string): boolean {
  const q = normalise(query.trim())
  if (q === '') return true
  const digits = digitsOf(q)
  if (digits.length >= 3 && digits.length === q.replace(/[\s()+./-]/g, '').length)
    return digitsOf(c.phone).includes(digits)
  const haystack = normalise(`${c.name} ${c.email}`)
  return q.split(/\s+/).every((word) => haystack.includes(word))
}

export function requireCustomer(ctx: NodeContext, id: string): CustomerRecord {
  const c = readCustomer(ctx.doc, id)
  if (!c) throw new ApiError('NOT_FOUND', 'No such customer', { customerId: id })
  return c
}

export function customerHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'customers.search'
  | 'customers.list'
  | 'customers.get'
  | 'customers.upsert'
  | 'customers.archive'
  | 'customers.purchases'
> {
  /** Every customer the query matches, by name. A scan: fine up to tens of thousands of records. */
  const find = (query: string, includeArchived: boolean): V.CustomerView[] => {
    const out: V.CustomerView[] = []
    for (const id of getCustomers(ctx.doc).keys()) {
      const c = readCustomer(ctx.doc, id)
      if (c && (includeArchived || !c.archived) && matches(c, query)) out.push(customerView(id, c))
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
  }

  const customers = sharedRecords(ctx, (id) => requireCustomer(ctx, id), writeCustomer, customerView)

  return {
    'customers.search': (input) => ({ items: find(input.query, false).slice(0, input.limit) }),

    'customers.list': (input) => {
      const all = find(input.query, true)
      return { items: all.slice(input.offset, input.offset + input.limit), total: all.length }
    },

    'customers.get': (input) => customerView(input.id, requireCustomer(ctx, input.id)),

    'customers.upsert': (input) => {
      const id = input.id ?? ctx.newId()
      const existing = input.id ? requireCustomer(ctx, input.id) : undefined
      const fields: CustomerRecord = {
        name: input.name,
        phone: input.phone,
        email: input.email.toLowerCase(),
        note: input.note,
        archived: existing?.archived ?? false,
      }
      return customers.save(id, fields)
    },

    'customers.archive': (input) => customers.archive(input),

    'customers.purchases': (input) => {
      requireCustomer(ctx, input.customerId)
      const page = ctx.store.customers.purchases(input.customerId, input.offset, input.limit)
      return {
        total: page.total,
        items: page.rows.map((r) => saleSummary(ctx, r)),
      }
    },
  }
}
