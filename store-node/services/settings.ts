import { readStore, writeMeta } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { readStoreSettings, writeStoreSettings } from '../settings/store-settings.ts'
import { assertMayChange, writeShared } from '../trust/authority-gate.ts'

export function settingsView(ctx: NodeContext): V.StoreSettingsView {
  const meta = ctx.directory.meta()
  const s = readStoreSettings(ctx.kv)
  const storeId = ctx.identity().storeId
  return {
    orgName: meta.orgName ?? '',
    currency: meta.currency ?? '',
    storeName: storeId ? (readStore(ctx.doc, storeId)?.name ?? '') : '',
    receiptHeader: s.receiptHeader,
    floor: s.floor,
    lowWaterMinimum: s.lowWaterMinimum,
  }
}

export function settingsHandlers(ctx: NodeContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settingsView(ctx),
    'settings.update': (input, call) => {
      const metaChange = input.orgName !== undefined || input.currency !== undefined
      if (metaChange && call.user.role !== 'owner')
        throw new ApiError('FORBIDDEN', 'Only an owner changes the organisation name or currency', {
          required: 'owner',
        })
      if (metaChange) ctx.gate.assertMayShare()
      const metaChanges = (['orgName', 'currency'] as const)
        .filter((key) => input[key] !== undefined)
        .map((key) => ({ root: 'meta' as const, key, field: null, value: input[key] }))
      assertMayChange(ctx, metaChanges)
      ctx.store.durable(() => {
        if (metaChange) {
          writeShared(ctx, () => {
            writeMeta(ctx.doc, {
              ...(input.orgName !== undefined ? { orgName: input.orgName } : {}),
              ...(input.currency !== undefined ? { currency: input.currency } : {}),
            })
          })
        }
        writeStoreSettings(ctx.kv, {
          receiptHeader: input.receiptHeader,
          floor: input.floor,
          lowWaterMinimum: input.lowWaterMinimum,
        })
      })
      ctx.logger.info({ user: call.user.username, fields: Object.keys(input) }, 'settings changed')
      return settingsView(ctx)
    },
  }
}
