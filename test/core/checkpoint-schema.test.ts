import { describe, expect, it } from 'vitest'
import { parseEvent } from '../../shared/core/events.ts'

const checkpoint = (totals: unknown) => ({
  type: 'checkpoint',
  seq: 5,
  id: 'cp-5',
  at: '2026-11-22T10:00:00.000Z',
  by: 'u1',
  upTo: 4,
  totals,
  holds: [],
  requests: [],
  answered: [],
  orders: [],
})

describe('checkpoint totals validation', () => {
  it('accepts cumulative counts per product', () => {
    const parsed = parseEvent(
      checkpoint({ p1: { inc: 30, dec: 12, out: { r2: 3 } }, p2: { inc: 0, dec: 0, out: {} } }),
    )
    expect(parsed.ok).toBe(true)
  })

  it.each([
    ['a negative count', { p1: { inc: -1, dec: 0, out: {} } }],
    ['a fraction', { p1: { inc: 1.5, dec: 0, out: {} } }],
    ['a negative transfer', { p1: { inc: 1, dec: 0, out: { r2: -2 } } }],
    ['a missing field', { p1: { inc: 1, dec: 0 } }],
    ['a number as text', { p1: { inc: '1', dec: 0, out: {} } }],
    ['a null product', { p1: null }],
    ['an array', []],
  ])('refuses %s', (_what, totals) => {
    const parsed = parseEvent(checkpoint(totals))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain('totals')
  })
})
