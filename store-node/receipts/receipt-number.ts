import { listReplicas, readReplica, readStore } from '../../shared/core/schema.ts'
import { formatReceiptNo, parseReceiptNo, receiptNoParts } from '../../shared/api/receipt/receipt-number.ts'
import type { NodeContext } from '../api/context.ts'

/** The store code and till part of a till's receipt numbers (a short till id for tills without a number). */
function tillParts(ctx: NodeContext, replicaId: string): { storeCode: string; till: number | string } {
  const info = readReplica(ctx.doc, replicaId)
  const storeCode = info ? (readStore(ctx.doc, info.storeId)?.code ?? '') : ''
  return { storeCode, till: info?.tillNo ?? replicaId }
}

/** The printed number of the event at `seq` on `replicaId`'s log ("S01-T2-000123"). */
export function receiptNoOf(ctx: NodeContext, replicaId: string, seq: number): string {
  const { storeCode, till } = tillParts(ctx, replicaId)
  return formatReceiptNo(storeCode, till, seq)
}

/**
 * The tills and log position a typed receipt number points at: every till whose store code and
 * till part match what was typed (all tills when only the sequence was typed).
 */
export function receiptTarget(
  ctx: NodeContext,
  typed: string,
): { seq: number; replicaIds: string[] | undefined } | undefined {
  const query = parseReceiptNo(typed)
  if (!query) return undefined
  if (query.till === undefined && query.storeCode === undefined)
    return { seq: query.seq, replicaIds: undefined }
  const replicaIds: string[] = []
  for (const replicaId of listReplicas(ctx.doc).keys()) {
    const { storeCode, till } = tillParts(ctx, replicaId)
    const printed = receiptNoParts(storeCode, till)
    if (query.till !== undefined && printed.till !== query.till) continue
    if (query.storeCode !== undefined && printed.store !== query.storeCode) continue
    replicaIds.push(replicaId)
  }
  return { seq: query.seq, replicaIds }
}
