/** A part of a sale paid before the rest: a fixed card or voucher amount, or a card balance. */
export type TenderPart =
  { kind: 'card' | 'other'; amountMinor: number } | { kind: 'gift'; cardId: string; amountMinor: number }

export const paidByParts = (parts: readonly TenderPart[]) => parts.reduce((n, p) => n + p.amountMinor, 0)

/** The payment's `parts` and `cards` as the store takes them. */
export function partsPayload(parts: readonly TenderPart[]) {
  const fixed = parts.flatMap((p) =>
    p.kind === 'gift' ? [] : [{ method: p.kind, amountMinor: p.amountMinor }],
  )
  const cards = parts.flatMap((p) =>
    p.kind === 'gift' ? [{ cardId: p.cardId, amountMinor: p.amountMinor }] : [],
  )
  return { ...(fixed.length > 0 && { parts: fixed }), ...(cards.length > 0 && { cards }) }
}

export const partLabels = { card: 'Card', other: 'Voucher / other' } as const
