import type { StockView } from '../../../shared/api/views.ts'
import type { CartLine } from './cart.ts'
import type { ShortLine } from './out-of-stock.ts'

/**
 * The cart's short lines against the stock as the store reports it now, checked before any tender
 * is taken, so a customer never pays for goods the till may not sell.
 */
export async function shortLinesBeforePayment(
  lines: readonly CartLine[],
  readStock: (productId: string) => Promise<StockView>,
): Promise<ShortLine[]> {
  const stocks = await Promise.all(lines.map((line) => readStock(line.product.id)))
  return lines.flatMap((line, i): ShortLine[] => {
    const stock = stocks[i]!
    if (line.qty <= stock.here) return []
    return [
      {
        productId: line.product.id,
        requested: line.qty,
        rightsHere: stock.here,
        chainValue: stock.value,
        holders: stock.holders.map((h) => ({
          replicaId: h.replicaId,
          storeName: h.storeName,
          rights: h.rights,
        })),
      },
    ]
  })
}
