import { describe, expect, it } from 'vitest'
import { pendingWords } from '../../renderer/src/sync/pending-words.ts'

describe('what is waiting to be sent, in words', () => {
  it('names sales and refunds, groups the rest', () => {
    expect(pendingWords({})).toBe('')
    expect(pendingWords({ sale: 1 })).toBe('1 sale')
    expect(pendingWords({ sale: 2, refund: 1 })).toBe('2 sales and 1 refund')
    expect(pendingWords({ sale: 2, refund: 1, restock: 2, adjust: 1, 'cash-move': 1 })).toBe(
      '2 sales, 1 refund, 1 drawer entry and 3 other changes',
    )
    expect(pendingWords({ transfer: 1, request: 1 })).toBe('2 stock transfers')
  })
})
