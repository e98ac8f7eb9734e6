import { describe, expect, it } from 'vitest'
import { parseAmount, parseQuestion, type Intent } from '../../store-node/assistant/parse.ts'

const today = '2026-11-22' // a Sunday
const parse = (q: string, currencyDigits = 2): Intent => parseQuestion(q, { today, currencyDigits })

describe('assistant intent parser (offline, deterministic)', () => {
  it.each([
    ['What is low?', 'low-stock'],
    ["what's running low", 'low-stock'],
    ['What should I reorder', 'what-to-order'],
    ['anything out of stock?', 'low-stock'],
    ['How many green tea do we have?', 'stock-level'],
    ['stock of TEA-1', 'stock-level'],
    ['how much stock of green tea per store', 'stock-level'],
    ['Which store has green tea?', 'where-available'],
    ['where can I get black tea', 'where-available'],
    ['who holds espresso beans', 'where-available'],
    ['what costs under €5?', 'price'],
    ['cheapest items', 'price'],
    ['most expensive products', 'price'],
    ['how much is the teapot', 'price'],
    ['best sellers this week', 'best-sellers'],
    ['what sold the most in the last 30 days', 'best-sellers'],
    ['top 3 products today', 'best-sellers'],
    ['sales today', 'sales-total'],
    ['How much did we sell this week across all stores?', 'sales-total'],
    ['revenue yesterday', 'sales-total'],
    ['what is waiting to sync?', 'sync-pending'],
    ['is everything synced', 'sync-pending'],
    ['reservations about to expire', 'holds-expiring'],
    ['which holds expire soon', 'holds-expiring'],
    ['what is the weather', 'unknown'],
    ['help', 'help'],
  ])('%s → %s', (question, kind) => {
    expect(parse(question).kind).toBe(kind)
  })

  it('parses money exactly into minor units, never through floats', () => {
    expect(parseAmount('4.99', 2)).toBe(499)
    expect(parseAmount('€0.29', 2)).toBe(29)
    expect(parseAmount('4,10', 2)).toBe(410)
    expect(parseAmount('5 euros', 2)).toBe(500)
    expect(parseAmount('50 cents', 2)).toBe(50)
    expect(parseAmount('1234567.89', 2)).toBe(123456789)
    expect(parseAmount('1.005', 2)).toBeNull() // more decimals than the currency has
    expect(parseAmount('500', 0)).toBe(500) // JPY-like: no minor digits
    expect(parse('items under €4.35')).toMatchObject({ kind: 'price', direction: 'under', maxMinor: 435 })
    expect(parse('anything over 20 dollars')).toMatchObject({
      kind: 'price',
      direction: 'over',
      minMinor: 2000,
    })
    expect(parse('between 2.50 and 9 euros')).toMatchObject({
      kind: 'price',
      direction: 'between',
      minMinor: 250,
      maxMinor: 900,
    })
    expect(parse('under 4.999')).toMatchObject({ kind: 'price', badAmount: '4.999' })
  })

  it('reads periods as local calendar dates', () => {
    expect(parse('sales today')).toMatchObject({ period: { from: today, to: today } })
    expect(parse('sales this week')).toMatchObject({ period: { from: '2026-11-16', to: today } })
    expect(parse('sales last week')).toMatchObject({ period: { from: '2026-11-09', to: '2026-11-15' } })
    expect(parse('best sellers in the last 30 days')).toMatchObject({
      period: { from: '2026-10-24', to: today },
    })
    expect(parse('best sellers over the past two weeks')).toMatchObject({
      period: { from: '2026-11-09', to: today },
    })
    expect(parse('best sellers')).toMatchObject({ period: { from: '2026-11-16', to: today }, limit: 5 })
    expect(parse('top 10 sellers this month')).toMatchObject({
      period: { from: '2026-11-01', to: today },
      limit: 10,
    })
  })

  it('tells here from chain-wide', () => {
    expect(parse('sales today')).toMatchObject({ scope: 'here' })
    expect(parse('sales today across the chain')).toMatchObject({ scope: 'chain' })
    expect(parse('chain-wide sales this week')).toMatchObject({ scope: 'chain' })
    expect(parse('sales per store today')).toMatchObject({ scope: 'chain' })
  })

  it('keeps the product words (original case) and drops the question words', () => {
    expect(parse('How many Green Tea do we have left?')).toMatchObject({ product: 'Green Tea' })
    expect(parse('stock of TEA-1 please')).toMatchObject({ product: 'TEA-1' })
    expect(parse('which store has espresso beans')).toMatchObject({ product: 'espresso beans' })
    expect(parse('how many mugs did we sell this week')).toMatchObject({
      kind: 'sales-total',
      product: 'mugs',
    })
  })

  it('recognises what to order and margin questions', () => {
    for (const q of [
      'what should we order?',
      'What do I need to order',
      'what to reorder',
      'order suggestions',
    ])
      expect(parse(q), q).toEqual({ kind: 'what-to-order' })
    expect(parse('margin this month')).toMatchObject({
      kind: 'margin',
      product: '',
      period: { label: 'this month' },
    })
    expect(parse('what does Green tea earn last week?')).toMatchObject({
      kind: 'margin',
      product: 'Green tea',
      period: { label: 'last week' },
    })
    expect(parse('profit in the last 7 days')).toMatchObject({
      kind: 'margin',
      period: { label: 'in the last 7 days' },
    })
    // money taken is still sales
    expect(parse('what did we earn today')).toMatchObject({ kind: 'sales-total' })
  })

  it('recognises questions about stock counts', () => {
    for (const q of [
      'what did the last count find?',
      'stocktake results',
      'any variances?',
      'latest stock count',
    ])
      expect(parse(q), q).toEqual({ kind: 'count-result' })
    expect(parse('how many green tea do we have')).toMatchObject({ kind: 'stock-level' })
  })

  it('reads the time window of expiring reservations', () => {
    expect(parse('reservations expiring in the next 2 hours')).toMatchObject({ withinMinutes: 120 })
    expect(parse('holds expiring within 45 minutes')).toMatchObject({ withinMinutes: 45 })
    expect(parse('reservations about to expire')).toMatchObject({ withinMinutes: 24 * 60 })
  })
})
