import { describe, expect, it } from 'vitest'
import { timeOrderedId } from '../../store-node/doc/time-ordered-id.ts'

describe('timeOrderedId', () => {
  it('is a version-7 UUID whose text order follows time', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_123_456, 1_800_000_000_000].map((t) =>
      timeOrderedId(t),
    )
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(5))).size).toBe(1000)
  })
})
