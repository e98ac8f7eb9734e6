import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  apportion,
  discountOf,
  lineAmounts,
  refundShareMinor,
  saleTotals,
  taxByRate,
  type DiscountSpec,
  type MoneyLine,
} from '../../shared/core/money.ts'

// The money of a discounted sale, in both tax modes: every figure adds up to the minor unit.

const discount: fc.Arbitrary<DiscountSpec> = fc.oneof(
  fc.record({ percentBp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ amountMinor: fc.integer({ min: 0, max: 50_000 }) }),
)
const line = fc.record({
  qty: fc.integer({ min: 1, max: 50 }),
  unitPriceMinor: fc.integer({ min: 0, max: 100_000 }),
  taxRate: fc.constantFrom(0, 500, 700, 1900, 2000, 2500),
  discount: fc.option(discount, { nil: undefined }),
})
const sale = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 8 }),
  basket: fc.option(discount, { nil: undefined }),
  includeTax: fc.boolean(),
})

/** What the core records for a sale: line discounts, then the basket's shares. */
type Sale = typeof sale extends fc.Arbitrary<infer T> ? T : never

function priced(s: Sale): MoneyLine[] {
  const lines: MoneyLine[] = s.lines.map((l) => ({
    qty: l.qty,
    unitPriceMinor: l.unitPriceMinor,
    taxRate: l.taxRate,
    ...(l.discount && { discount: { amountMinor: discountOf(l.discount, l.qty * l.unitPriceMinor) } }),
  }))
  if (s.basket) {
    const left = lines.map((l) => l.qty * l.unitPriceMinor - (l.discount?.amountMinor ?? 0))
    const total = discountOf(
      s.basket,
      left.reduce((a, b) => a + b, 0),
    )
    const shares = apportion(total, left)
    expect(shares.reduce((a, b) => a + b, 0)).toBe(total)
    shares.forEach((share, i) => {
      expect(share).toBeLessThanOrEqual(left[i]!)
      lines[i]!.basketShareMinor = share
    })
  }
  return lines
}

describe('discounted sales add up', () => {
  it('total = Σ lines, tax per rate = tax, nothing negative', () => {
    fc.assert(
      fc.property(sale, (s) => {
        const lines = priced(s)
        const totals = saleTotals(lines, s.includeTax)
        const amounts = lines.map((l) => lineAmounts(l, s.includeTax))
        for (const a of amounts) {
          expect(a.netMinor).toBeGreaterThanOrEqual(0)
          expect(a.taxMinor).toBeGreaterThanOrEqual(0)
          expect(a.grossMinor).toBe(a.netMinor + a.taxMinor)
        }
        expect(totals.totalMinor).toBe(amounts.reduce((n, a) => n + a.grossMinor, 0))
        const rates = taxByRate(lines, s.includeTax)
        expect(rates.reduce((n, r) => n + r.taxMinor, 0)).toBe(totals.taxMinor)
        expect(rates.reduce((n, r) => n + r.netMinor, 0)).toBe(totals.subtotalMinor)
        if (s.includeTax)
          // shelf prices: what is paid is the price less the discounts, tax inside it
          expect(totals.totalMinor).toBe(
            lines.reduce(
              (n, l) =>
                n + l.qty * l.unitPriceMinor - (l.discount?.amountMinor ?? 0) - (l.basketShareMinor ?? 0),
              0,
            ),
          )
      }),
      { numRuns: 500 },
    )
  })

  it('refunds in any number of steps give back exactly what was paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (paid, soldQty, steps) => {
          let before = 0
          let back = 0
          for (const step of steps) {
            const qty = Math.min(step, soldQty - before)
            if (qty <= 0) break
            const share = refundShareMinor(paid, soldQty, before, qty)
            expect(share).toBeGreaterThanOrEqual(0)
            back += share
            before += qty
          }
          if (before === soldQty) expect(back).toBe(paid)
          else expect(back).toBeLessThanOrEqual(paid)
        },
      ),
      { numRuns: 500 },
    )
  })
})
