import { describe, expect, it } from 'vitest'
import { readWholeNumber } from '../../renderer/src/ui/whole-number.ts'

describe('a whole number typed by staff', () => {
  const units = { min: 1, max: 1_000_000, unit: 'units' }
  const change = { min: -1_000_000, max: 1_000_000, unit: 'units', nonZero: true }

  it('is exactly what was typed', () => {
    expect(readWholeNumber('13', units)).toEqual({ ok: true, value: 13 })
    expect(readWholeNumber(' 5 ', units)).toEqual({ ok: true, value: 5 })
    expect(readWholeNumber('-2', change)).toEqual({ ok: true, value: -2 })
    expect(readWholeNumber('−2', change)).toEqual({ ok: true, value: -2 })
  })

  it('says in plain words why it cannot be taken', () => {
    expect(readWholeNumber('', units)).toEqual({ ok: false, message: 'Type a number' })
    expect(readWholeNumber('1.5', units)).toEqual({ ok: false, message: 'Whole numbers only' })
    expect(readWholeNumber('0', units)).toEqual({ ok: false, message: 'At least 1' })
    expect(readWholeNumber('1000001', units)).toEqual({ ok: false, message: 'At most 1,000,000 units' })
    expect(readWholeNumber('0', change)).toEqual({ ok: false, message: '0 changes nothing' })
  })
})
