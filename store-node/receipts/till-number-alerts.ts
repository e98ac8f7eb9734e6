import { listReplicas, readStore } from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import type { NodeContext } from '../api/context.ts'

/**
 * Two active tills of one store with the same number: only possible when both joined at the
 * same moment, before either saw the other. Their receipt numbers could then repeat, so a
 * manager is told which tills, and how to end it.
 */
export function duplicateTillNumberAlerts(ctx: NodeContext): V.IntegrityAlertView[] {
  const byStoreAndTill = new Map<string, string[]>()
  for (const [replicaId, info] of listReplicas(ctx.doc)) {
    if (info.tillNo === undefined || info.status === 'retired') continue
    const key = `${info.storeId}\u0000${info.tillNo}`
    byStoreAndTill.set(key, [...(byStoreAndTill.get(key) ?? []), replicaId])
  }
  const alerts: V.IntegrityAlertView[] = []
  for (const [key, replicaIds] of byStoreAndTill) {
    if (replicaIds.length < 2) continue
    const [storeId, tillNo] = key.split('\u0000') as [string, string]
    const code = readStore(ctx.doc, storeId)?.code ?? storeId
    alerts.push({
      kind: 'duplicate-till-number',
      replicaId: replicaIds[0]!,
      message: `${replicaIds.length} tills of store ${code} print receipt numbers as T${tillNo} (${replicaIds.map((id) => id.slice(0, 8)).join(', ')}), so their numbers can repeat.`,
      advice:
        'They joined the store at the same moment. Retire one of them and enroll it again: it then takes the next free till number.',
    })
  }
  return alerts
}
