import type { StoreListView } from '../../../shared/api/views.ts'

/** The tills of the chain as choices for a Select ("Store B · till 1a2b3c4d"). */
export function tillOptions(
  stores: StoreListView | undefined,
  opts: { activeOnly: boolean; excludeThis: boolean },
) {
  const out: { value: string; label: string }[] = []
  for (const s of stores?.stores ?? [])
    for (const t of s.tills) {
      if (opts.excludeThis && t.thisTill) continue
      if (opts.activeOnly && t.status !== 'active') continue
      out.push({
        value: t.replicaId,
        label: `${s.name} · till ${t.replicaId.slice(0, 8)}${t.status !== 'active' ? ` (${t.status})` : ''}`,
      })
    }
  return out
}
