import { docGrowth } from '../../shared/core/doc-growth.ts'
import { listProductIds, readProduct } from '../../shared/core/schema.ts'
import type { IntegrityAlert } from '../../shared/core/fold-state.ts'
import { SCHEMA_VERSION } from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf } from '../api/views.ts'
import { duplicateTillNumberAlerts } from '../receipts/till-number-alerts.ts'

/**
 * The fold's alerts as this store should show them: a newer schema version counts only when a
 * head-office till wrote it (the trusted directory), not whoever set the raw value.
 */
export function foldAlerts(ctx: NodeContext): IntegrityAlert[] {
  const version = ctx.directory.meta().schemaVersion
  const newer = version !== undefined && version > SCHEMA_VERSION
  return ctx.fold.alerts().filter((a) => a.kind !== 'schema-newer' || newer)
}

/**
 * Above this many Yjs clients every sale of every till is measurably slower (bench s: 1.6× at
 * 1,000 tills' worth of clients, 8× at 5,000): worth an owner's attention before it is felt.
 */
export const DOCUMENT_CLIENTS_WARNING = 1_000

function documentGrowthAlerts(ctx: NodeContext): V.IntegrityAlertView[] {
  const { yjsClients } = docGrowth(ctx.doc)
  if (yjsClients < DOCUMENT_CLIENTS_WARNING) return []
  return [
    {
      kind: 'document-growth',
      message: `The chain's shared document has been written by ${yjsClients.toLocaleString('en')} app sessions (Yjs clients); above ${DOCUMENT_CLIENTS_WARNING.toLocaleString('en')} every sale gets slower.`,
      advice:
        'New sessions come from tills that crash, are restored from backups or are newly installed. Find tills that crash often (system diagnostics), and see docs/open-work.md for the document epoch that resets the count.',
    },
  ]
}

/** An integrity alert in plain words, with what a manager should do about it. */
export function explainAlert(ctx: NodeContext, a: IntegrityAlert): V.IntegrityAlertView {
  const store = 'replicaId' in a ? storeNameOf(ctx, a.replicaId) : ''
  switch (a.kind) {
    case 'clone':
      return {
        kind: a.kind,
        replicaId: a.replicaId,
        message: `Two devices are writing as till ${store} (event #${a.seq} exists twice).`,
        advice:
          'A database was copied to a second machine. Stop one of them, and ask IT to revoke its device on the relay.',
      }
    case 'duplicate-seq':
      return {
        kind: a.kind,
        replicaId: a.replicaId,
        message: `Till ${store} sent event #${a.seq} twice.`,
        advice: 'Usually harmless (counted once). If it repeats, contact support.',
      }
    case 'gap':
      return {
        kind: a.kind,
        replicaId: a.replicaId,
        message: `Events #${a.from}–#${a.to} of till ${store} have not arrived.`,
        advice:
          'They arrive when that till syncs. If it was restored from a backup, its missing sales are on the relay.',
      }
    case 'negative-rights':
      return {
        kind: a.kind,
        replicaId: a.replicaId,
        productId: a.productId,
        message: `Till ${store} shows negative stock rights (${a.rights}) for ${readProduct(ctx.doc, a.productId)?.name ?? a.productId}.`,
        advice:
          'This only happens when a till was cloned or restored. Count the stock and record an adjustment.',
      }
    case 'malformed':
      return {
        kind: a.kind,
        replicaId: a.replicaId,
        message: `An unreadable event from till ${store} was skipped.`,
        advice: 'Update every till to the same app version.',
      }
    case 'schema-newer':
      return {
        kind: a.kind,
        message: `The chain's data was written by a newer Allot (schema ${a.version}, this app knows ${a.supported}).`,
        advice: 'Update this app. Until then it is read-only.',
      }
  }
}

/** SKUs and barcodes that two stores gave to different products while offline: merge by hand. */
function duplicateSkuAlerts(ctx: NodeContext): V.IntegrityAlertView[] {
  const bySku = new Map<string, string[]>()
  const byBarcode = new Map<string, string[]>()
  for (const id of listProductIds(ctx.doc)) {
    const p = readProduct(ctx.doc, id)
    if (!p || p.archived) continue
    bySku.set(p.sku, [...(bySku.get(p.sku) ?? []), id])
    if (p.barcode !== '') byBarcode.set(p.barcode, [...(byBarcode.get(p.barcode) ?? []), id])
  }
  const advice = 'Keep one, move its stock with adjustments, and archive the others.'
  return [
    ...[...bySku.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([sku, ids]) => ({
        kind: 'duplicate-sku',
        productId: ids[0]!,
        message: `SKU ${sku} is used by ${ids.length} products (created at different stores while offline).`,
        advice,
      })),
    ...[...byBarcode.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([code, ids]) => ({
        kind: 'duplicate-barcode',
        productId: ids[0]!,
        message: `Barcode ${code} is on ${ids.length} products (created at different stores while offline): a scan finds only one of them.`,
        advice,
      })),
  ]
}

/** Every integrity alert this till sees, explained for staff. */
export function integrityAlerts(ctx: NodeContext): V.IntegrityAlertView[] {
  return [
    ...foldAlerts(ctx).map((a) => explainAlert(ctx, a)),
    ...duplicateSkuAlerts(ctx),
    ...documentGrowthAlerts(ctx),
    ...duplicateTillNumberAlerts(ctx),
    ...ctx.directory.ignoredChanges().map((what) => ({
      kind: 'unverified-change',
      message: `A change to ${what} arrived from a till that may not make it, and was ignored.`,
      advice:
        'Only head office changes owners, other stores’ staff and the organization’s settings. If the change is genuine, make it at head office; otherwise ask IT to check the devices on the relay.',
    })),
  ]
}

export function integrityHandlers(ctx: NodeContext): Pick<Handlers, 'integrity.alerts'> {
  return {
    'integrity.alerts': () => ({ alerts: integrityAlerts(ctx) }),
  }
}
