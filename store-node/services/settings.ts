import {
  readReplica,
  readStore,
  writeMeta,
  writeStore,
  StoreReceiptSchema,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import { DEFAULT_TIME_ZONE } from '../../shared/api/receipt/time-zone.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { readStoreSettings, writeStoreSettings } from '../settings/store-settings.ts'
import { assertMayChange, writeShared } from '../trust/authority-gate.ts'

export function settingsView(ctx: NodeContext): V.StoreSettingsView {
  const meta = ctx.directory.meta()
  const s = readStoreSettings(ctx.kv)
  const { storeId, replicaId } = ctx.identity()
  const store = storeId ? readStore(ctx.doc, storeId) : undefined
  const receipt = StoreReceiptSchema.parse(store?.receipt ?? {})
  return {
    orgName: meta.orgName ?? '',
    currency: meta.currency ?? '',
    pricesIncludeTax: meta.pricesIncludeTax === true,
    storeName: store?.name ?? '',
    receiptHeader: s.receiptHeader,
    floor: s.floor,
    lowWaterMinimum: s.lowWaterMinimum,
    storeCode: store?.code ?? '',
    tillNo: readReplica(ctx.doc, replicaId)?.tillNo ?? null,
    timeZone: store?.timeZone ?? DEFAULT_TIME_ZONE,
    businessName: receipt.businessName,
    addressLines: receipt.addressLines,
    taxId: receipt.taxId,
    receiptFooter: receipt.footer,
    printer: s.printer,
    paperWidth: s.paperWidth,
  }
}

type UpdateInput = Parameters<Handlers['settings.update']>[0]

/** The store's own record with the time zone and business details of `input` applied, if any changed. */
function storeChange(ctx: NodeContext, input: UpdateInput) {
  const touches =
    input.timeZone !== undefined ||
    input.businessName !== undefined ||
    input.addressLines !== undefined ||
    input.taxId !== undefined ||
    input.receiptFooter !== undefined
  if (!touches) return undefined
  const storeId = ctx.identity().storeId
  const store = storeId ? readStore(ctx.doc, storeId) : undefined
  if (!storeId || !store) throw new ApiError('CONFLICT', 'This till is not set up in a store yet')
  const receipt = StoreReceiptSchema.parse(store.receipt ?? {})
  const next = {
    ...store,
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    receipt: {
      businessName: input.businessName ?? receipt.businessName,
      addressLines: input.addressLines ?? receipt.addressLines,
      taxId: input.taxId ?? receipt.taxId,
      footer: input.receiptFooter ?? receipt.footer,
    },
  }
  return { storeId, next }
}

export function settingsHandlers(ctx: NodeContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settingsView(ctx),
    'settings.update': (input, call) => {
      const metaChange =
        input.orgName !== undefined || input.currency !== undefined || input.pricesIncludeTax !== undefined
      if (metaChange && call.user.role !== 'owner')
        throw new ApiError('FORBIDDEN', 'Only an owner changes the organisation name, currency or tax mode', {
          required: 'owner',
        })
      const store = storeChange(ctx, input)
      // Time zone and business details are the store's (every till of it prints them): shared data.
      if (metaChange || store) ctx.gate.assertMayShare()
      const metaChanges = (['orgName', 'currency', 'pricesIncludeTax'] as const)
        .filter((key) => input[key] !== undefined)
        .map((key) => ({ root: 'meta' as const, key, field: null, value: input[key] }))
      assertMayChange(ctx, [
        ...metaChanges,
        ...(store ? [{ root: 'stores' as const, key: store.storeId, field: null, value: store.next }] : []),
      ])
      ctx.store.durable(() => {
        if (metaChange || store) {
          writeShared(ctx, () => {
            if (metaChange)
              writeMeta(ctx.doc, {
                ...(input.orgName !== undefined ? { orgName: input.orgName } : {}),
                ...(input.currency !== undefined ? { currency: input.currency } : {}),
                ...(input.pricesIncludeTax !== undefined ? { pricesIncludeTax: input.pricesIncludeTax } : {}),
              })
            if (store) writeStore(ctx.doc, store.storeId, store.next)
          })
        }
        writeStoreSettings(ctx.kv, {
          receiptHeader: input.receiptHeader,
          floor: input.floor,
          lowWaterMinimum: input.lowWaterMinimum,
          printer: input.printer,
          paperWidth: input.paperWidth,
        })
      })
      ctx.logger.info({ user: call.user.username, fields: Object.keys(input) }, 'settings changed')
      return settingsView(ctx)
    },
  }
}
