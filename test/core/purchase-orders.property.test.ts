import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { averageCostMinor, purchaseOrders } from '../../shared/core/purchase-orders.ts'
import type { PoCreateEvent, PoReceiptEvent, PoStateEvent } from '../../shared/core/events.ts'

const header = (id: string, seq: number) => ({
  seq,
  id,
  at: `2026-12-05T10:00:${String(seq % 60).padStart(2, '0')}Z`,
  by: 'u',
})

describe('purchase orders from their events', () => {
  it('the average cost stays within the cheapest and dearest unit received', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ qty: fc.integer({ min: 1, max: 1000 }), cost: fc.integer({ min: 0, max: 1_000_000 }) }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (lots) => {
          const qty = lots.reduce((n, l) => n + l.qty, 0)
          const totalCostMinor = lots.reduce((n, l) => n + l.qty * l.cost, 0)
          const avg = averageCostMinor({ qty, totalCostMinor }, 0)
          expect(avg).toBeGreaterThanOrEqual(Math.min(...lots.map((l) => l.cost)))
          expect(avg).toBeLessThanOrEqual(Math.max(...lots.map((l) => l.cost)))
        },
      ),
    )
  })

  it('deliveries in any order and size: received when every line is, never un-cancelled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('receive' as const),
              line: fc.nat(3),
              qty: fc.integer({ min: 0, max: 15 }),
            }),
            fc.record({ kind: fc.constant('cancel' as const) }),
          ),
          { maxLength: 12 },
        ),
        (ordered, steps) => {
          let seq = 1
          const create: PoCreateEvent = {
            ...header('po', seq++),
            type: 'po-create',
            supplierId: 's',
            lines: ordered.map((qty, i) => ({ productId: `p${i}`, qty, unitCostMinor: 100 })),
          }
          const send: PoStateEvent = { ...header('send', seq++), type: 'po-state', poId: 'po', state: 'sent' }
          const events: Array<{ replicaId: string; event: PoCreateEvent | PoStateEvent | PoReceiptEvent }> = [
            { replicaId: 'r', event: create },
            { replicaId: 'r', event: send },
          ]
          const received = ordered.map(() => 0)
          let cancelled = false
          for (const step of steps) {
            if (step.kind === 'cancel') {
              cancelled = true
              events.push({
                replicaId: 'r',
                event: { ...header(`c${seq}`, seq++), type: 'po-state', poId: 'po', state: 'cancelled' },
              })
            } else if (step.line < ordered.length && step.qty > 0) {
              received[step.line]! += step.qty
              events.push({
                replicaId: 'r',
                event: {
                  ...header(`d${seq}`, seq++),
                  type: 'po-receipt',
                  poId: 'po',
                  lines: [{ productId: `p${step.line}`, qty: step.qty, damaged: 0, unitCostMinor: 100 }],
                },
              })
            }
          }
          const po = purchaseOrders(events).get('po')!
          expect(po.lines.map((l) => l.received)).toEqual(received)
          if (cancelled) expect(po.state).toBe('cancelled')
          else if (received.every((r, i) => r >= ordered[i]!)) expect(po.state).toBe('received')
          else if (received.some((r) => r > 0)) expect(po.state).toBe('partially-received')
          else expect(po.state).toBe('sent')
          expect(po.overDelivered).toBe(received.some((r, i) => r > ordered[i]!))
        },
      ),
      { numRuns: 300 },
    )
  })
})
