/** How staff name what is waiting to be sent: sales and refunds by name, the rest grouped. */
const groups: Array<{ types: string[]; one: string; many: string }> = [
  { types: ['sale'], one: 'sale', many: 'sales' },
  { types: ['refund'], one: 'refund', many: 'refunds' },
  { types: ['transfer', 'request', 'request-cancel'], one: 'stock transfer', many: 'stock transfers' },
  { types: ['shift-open', 'cash-move', 'shift-close'], one: 'drawer entry', many: 'drawer entries' },
]

/**
 * "2 sales, 1 refund and 3 other changes": the pending events by type in words, most important
 * first; events of types not named above are "other changes". Empty when nothing is pending.
 */
export function pendingWords(byType: Readonly<Record<string, number>>): string {
  const parts: string[] = []
  const named = new Set<string>()
  for (const g of groups) {
    const n = g.types.reduce((sum, t) => sum + (byType[t] ?? 0), 0)
    for (const t of g.types) named.add(t)
    if (n > 0) parts.push(`${n} ${n === 1 ? g.one : g.many}`)
  }
  const other = Object.entries(byType)
    .filter(([t]) => !named.has(t))
    .reduce((sum, [, n]) => sum + n, 0)
  if (other > 0) parts.push(`${other} other ${other === 1 ? 'change' : 'changes'}`)
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
