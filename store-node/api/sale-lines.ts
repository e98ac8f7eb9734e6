import { readProduct } from '../../shared/core/schema.ts'
import { labelledQty, pricePerOf } from '../../shared/core/scale-line.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { NodeContext } from './context.ts'

interface CheckoutLine {
  productId: string
  qty: number
  label?: string | undefined
}

/**
 * Checkout lines as the sale will record them: a scale label read into its quantity (grams or one
 * piece) and price, with each line's catalog price and what that price is for. Holds and discount
 * checks read these, so they count what the sale will count.
 */
export function readSaleLines<L extends CheckoutLine>(
  ctx: NodeContext,
  lines: readonly L[],
): Array<L & { listPriceMinor: number; pricePer: number }> {
  return lines.map((l, i) => {
    const p = readProduct(ctx.doc, l.productId)
    if (!p) throw new ApiError('NOT_FOUND', `No product ${l.productId}`, { productId: l.productId })
    if (l.label === undefined) return { ...l, listPriceMinor: p.priceMinor, pricePer: pricePerOf(p) }
    const q = labelledQty(p, l.label)
    if (typeof q === 'string') throw new ApiError('VALIDATION', q, { field: `lines.${i}.label` })
    return { ...l, qty: q.qty, listPriceMinor: q.unitPriceMinor, pricePer: q.pricePer }
  })
}
