/** A part of a sale paid before the rest: a fixed card amount, or a gift card / store credit. */
export type TenderPart =
  { kind: 'card'; amountMinor: number } | { kind: 'gift'; cardId: string; amountMinor: number }

export const paidByParts = (parts: readonly TenderPart[]) => parts.reduce((n, p) => n + p.amountMinor, 0)

/** The payment's `parts` and `cards` as the store takes them. */
export function partsPayload(parts: readonly TenderPart[]) {
  const fixed = parts.flatMap((p) =>
    p.kind === 'card' ? [{ method: 'card' as const, amountMinor: p.amountMinor }] : [],
  )
  const cards = parts.flatMap((p) =>
    p.kind === 'gift' ? [{ cardId: p.cardId, amountMinor: p.amountMinor }] : [],
  )
  return { ...(fixed.length > 0 && { parts: fixed }), ...(cards.length > 0 && { cards }) }
}
