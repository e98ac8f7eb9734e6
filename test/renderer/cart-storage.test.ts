import { describe, expect, it } from 'vitest'
import type { ProductWithStock } from '../../shared/api/views.ts'
import { cartStorageKey, loadCart, saveCart } from '../../renderer/src/pos/cart-storage.ts'
import type { CartLine } from '../../renderer/src/pos/cart.ts'
import { qtyProblem } from '../../renderer/src/pos/qty-problem.ts'

/** A Storage-shaped map, as sessionStorage is for the renderer. */
function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  }
}

const line = (id: string, qty: number): CartLine => ({ product: { id } as ProductWithStock, qty })

describe('the cart kept per store and till', () => {
  it('keeps product ids and quantities, and forgets an emptied cart', () => {
    const storage = memoryStorage()
    const key = cartStorageKey('store-a', 'till-1')
    saveCart(storage, key, [line('p1', 3), line('p2', 1)])
    expect(loadCart(storage, key)).toEqual([
      { productId: 'p1', qty: 3 },
      { productId: 'p2', qty: 1 },
    ])
    saveCart(storage, key, [])
    expect(storage.items.has(key)).toBe(false)
    expect(loadCart(storage, key)).toEqual([])
  })

  it('never shares a cart between tills or stores', () => {
    expect(cartStorageKey('store-a', 'till-1')).not.toBe(cartStorageKey('store-a', 'till-2'))
    expect(cartStorageKey('store-a', 'till-1')).not.toBe(cartStorageKey('store-b', 'till-1'))
  })

  it('ignores anything it cannot trust: broken JSON, zero or fractional quantities, another shape', () => {
    const storage = memoryStorage()
    for (const raw of [
      '{',
      JSON.stringify({ v: 1, lines: [{ productId: 'p1', qty: 0 }] }),
      JSON.stringify({ v: 1, lines: [{ productId: 'p1', qty: 1.5 }] }),
      JSON.stringify({ v: 2, lines: [] }),
      JSON.stringify([{ productId: 'p1', qty: 1 }]),
    ]) {
      storage.setItem('k', raw)
      expect(loadCart(storage, 'k')).toEqual([])
    }
  })
})

describe('a typed quantity', () => {
  it('is taken only as a whole number from 1, with a reason in plain words otherwise', () => {
    expect(qtyProblem('5')).toBeUndefined()
    expect(qtyProblem('12')).toBeUndefined()
    expect(qtyProblem('')).toBe('Type a quantity')
    expect(qtyProblem('-2')).toBe('Whole numbers only')
    expect(qtyProblem('1.5')).toBe('Whole numbers only')
    expect(qtyProblem('0')).toBe('At least 1')
    expect(qtyProblem('1000001')).toMatch(/^At most/)
  })
})
