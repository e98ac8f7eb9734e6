import type { SaleEvent } from '../../shared/core/events.ts'
import { lineAmounts, refundShareMinor } from '../../shared/core/money.ts'
import type { TillRulesView } from '../../shared/api/views.ts'

export type RefundRule = 'other-store' | 'older-than' | 'above-amount'

const DAY_MS = 86_400_000

/**
 * Which of the till's refund rules a refund crosses (each needs a manager's PIN): another store's
 * sale, a sale older than the allowed days, or an amount above the limit. Pure over its inputs so
 * the till can ask before it pays anything back.
 */
export function refundRulesCrossed(input: {
  rules: TillRulesView
  sale: { replicaId: string; event: SaleEvent }
  lines: ReadonlyArray<{ productId: string; qty: number }>
  myStoreId: string | undefined
  storeOf: (replicaId: string) => string | undefined
  nowMs: number
}): RefundRule[] {
  const { rules, sale } = input
  const crossed: RefundRule[] = []
  if (rules.otherStoreRefundNeedsApproval && input.storeOf(sale.replicaId) !== input.myStoreId)
    crossed.push('other-store')
  if (
    rules.refundApprovalAfterDays > 0 &&
    input.nowMs - Date.parse(sale.event.at) > rules.refundApprovalAfterDays * DAY_MS
  )
    crossed.push('older-than')
  if (rules.refundApprovalAboveMinor > 0) {
    // what these units were paid, after their discounts
    let amount = 0
    for (const l of input.lines) {
      const sold = sale.event.lines.filter((s) => s.productId === l.productId)
      const soldQty = sold.reduce((n, s) => n + s.qty, 0)
      const paid = sold.reduce((n, s) => n + lineAmounts(s, sale.event.pricesIncludeTax).grossMinor, 0)
      if (soldQty > 0) amount += refundShareMinor(paid, soldQty, 0, Math.min(l.qty, soldQty))
    }
    if (amount > rules.refundApprovalAboveMinor) crossed.push('above-amount')
  }
  return crossed
}
