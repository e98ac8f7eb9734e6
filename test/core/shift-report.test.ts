import { describe, expect, it } from 'vitest'
import type { AllotEvent, ShiftOpenEvent } from '../../shared/core/events.ts'
import { countedTotal, shiftFigures } from '../../shared/core/shift-report.ts'

const at = '2026-12-05T09:00:00.000+01:00'
const open: ShiftOpenEvent = { type: 'shift-open', seq: 10, id: 'shift-1', at, by: 'u1', floatMinor: 5000 }
const sale = (seq: number, id: string, method: 'cash' | 'card', totalMinor: number): AllotEvent => ({
  type: 'sale',
  seq,
  id,
  at,
  by: 'u1',
  lines: [{ productId: 'p', qty: 1, unitPriceMinor: totalMinor, taxRate: 0 }],
  totals: { subtotalMinor: totalMinor, taxMinor: 0, totalMinor },
  payment: { method, tenderedMinor: totalMinor, changeMinor: 0 },
})
const refund = (seq: number, saleId: string, amountMinor: number): AllotEvent => ({
  type: 'refund',
  seq,
  id: `r${seq}`,
  at,
  by: 'u1',
  saleId,
  lines: [{ productId: 'p', qty: 1, amountMinor }],
  toStock: true,
  amountMinor,
})

describe('shift figures', () => {
  it('counts only the shift: before its opening and after its close nothing counts', () => {
    const events: AllotEvent[] = [
      sale(9, 'before', 'cash', 999),
      sale(11, 's1', 'cash', 1000),
      sale(12, 's2', 'card', 700),
      refund(13, 's2', 700), // back on the card it was paid with
      refund(14, 'old-sale', 300), // a sale from before the shift, paid by card
      {
        type: 'cash-move',
        seq: 15,
        id: 'm1',
        at,
        by: 'u1',
        shiftId: 'shift-1',
        kind: 'pay-out',
        amountMinor: 200,
        reason: 'milk',
      },
      {
        type: 'shift-close',
        seq: 16,
        id: 'c1',
        at,
        by: 'u2',
        shiftId: 'shift-1',
        countedMinor: 5750,
        expectedMinor: 5800,
        blind: false,
      },
      sale(17, 'after', 'cash', 5000),
    ]
    const f = shiftFigures(open, events, (id) => (id === 'old-sale' ? 'card' : undefined))
    expect(f.sales).toEqual({ count: 2, totalMinor: 1700, taxMinor: 0 })
    expect(f.refundsByTender).toEqual({ card: { count: 2, amountMinor: 1000 } })
    expect(f.expectedCashMinor).toBe(5000 + 1000 - 200)
    expect(f.close).toEqual({
      closedAt: at,
      closedBy: 'u2',
      countedMinor: 5750,
      overShortMinor: -50,
      blind: false,
    })
  })

  it('a refund of an unknown sale pays back cash; a newer opening ends an unclosed shift', () => {
    const events: AllotEvent[] = [
      refund(11, 'unknown', 400),
      { type: 'shift-open', seq: 12, id: 'shift-2', at, by: 'u1', floatMinor: 0 },
      sale(13, 's3', 'cash', 800),
    ]
    const f = shiftFigures(open, events, () => undefined)
    expect(f.refundsByTender).toEqual({ cash: { count: 1, amountMinor: 400 } })
    expect(f.sales.count).toBe(0)
    expect(f.expectedCashMinor).toBe(4600)
    expect(f.close).toBeUndefined()
  })

  it('adds up a denomination count', () => {
    expect(countedTotal({ '5000': 1, '200': 3, '5': 4 })).toBe(5620)
  })
})
