import {
  listSupplierIds,
  readSupplier,
  writeSupplier,
  type SupplierRecord,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { sharedRecords } from '../api/shared-records.ts'

export function supplierView(id: string, s: SupplierRecord): V.SupplierView {
  return {
    id,
    name: s.name,
    contact: s.contact,
    email: s.email,
    phone: s.phone,
    leadTimeDays: s.leadTimeDays,
    note: s.note,
    archived: s.archived,
  }
}

export function requireSupplier(ctx: NodeContext, id: string): SupplierRecord {
  const s = readSupplier(ctx.doc, id)
  if (!s) throw new ApiError('NOT_FOUND', 'No such supplier', { supplierId: id })
  return s
}

export function supplierHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'suppliers.list' | 'suppliers.upsert' | 'suppliers.archive'> {
  const suppliers = sharedRecords(ctx, (id) => requireSupplier(ctx, id), writeSupplier, supplierView)

  return {
    'suppliers.list': (input) => ({
      items: listSupplierIds(ctx.doc)
        .flatMap((id) => {
          const s = readSupplier(ctx.doc, id)
          return s && (input.includeArchived || !s.archived) ? [supplierView(id, s)] : []
        })
        .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)),
    }),

    'suppliers.upsert': (input) => {
      const id = input.id ?? ctx.newId()
      const existing = input.id ? requireSupplier(ctx, input.id) : undefined
      const fields: SupplierRecord = {
        name: input.name,
        contact: input.contact,
        email: input.email.toLowerCase(),
        phone: input.phone,
        leadTimeDays: input.leadTimeDays,
        note: input.note,
        archived: existing?.archived ?? false,
      }
      return suppliers.save(id, fields)
    },

    'suppliers.archive': (input) => suppliers.archive(input),
  }
}
