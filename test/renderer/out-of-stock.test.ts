import { describe, expect, it } from 'vitest'
import {
  bestDonor,
  heldElsewhere,
  missingUnits,
  requestableFrom,
} from '../../renderer/src/pos/out-of-stock.ts'

describe('a short line', () => {
  const line = {
    productId: 'tea-lights',
    requested: 40,
    rightsHere: 2,
    chainValue: 18,
    holders: [
      { replicaId: 'self', storeName: 'High Street', rights: 2 },
      { replicaId: 'b', storeName: 'Harbour Road', rights: 16 },
    ],
  }

  it('asks a donor for the missing units, never more than it holds', () => {
    expect(missingUnits(line)).toBe(38)
    expect(heldElsewhere(line, 'self')).toBe(16)
    const donor = bestDonor(line, 'self')!
    expect(donor.storeName).toBe('Harbour Road')
    expect(requestableFrom(line, donor)).toBe(16)
    expect(requestableFrom({ ...line, requested: 5 }, donor)).toBe(3)
  })
})
