import { useEffect, useState } from 'react'
import type { OrderView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'

/** The names of the products on these orders, looked up once each (an order line holds only the id). */
export function useProductNames(orders: readonly OrderView[] | undefined): Record<string, string> {
  const api = useApi()
  const [names, setNames] = useState<Record<string, string>>({})
  useEffect(() => {
    const missing = [...new Set((orders ?? []).flatMap((o) => o.lines.map((l) => l.productId)))].filter(
      (id) => !names[id],
    )
    if (missing.length === 0) return
    void Promise.all(
      missing.map((id) =>
        api['catalog.get']({ id }).then(
          (p) => [id, p.name] as const,
          () => [id, id.slice(0, 8)] as const,
        ),
      ),
    ).then((pairs) => setNames((prev) => ({ ...prev, ...Object.fromEntries(pairs) })))
  }, [api, orders, names])
  return names
}
