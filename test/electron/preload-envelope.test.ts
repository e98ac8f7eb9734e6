import { describe, expect, it } from 'vitest'
import { toEnvelope } from '../../electron/preload/envelope.ts'

describe('preload envelope', () => {
  it('passes results through', () => {
    expect(toEnvelope({ result: { a: 1 } })).toEqual({ result: { a: 1 } })
    expect(toEnvelope({ result: undefined })).toEqual({ result: undefined })
  })

  it('keeps error codes and details as a plain body', () => {
    const details = { lines: [{ productId: 'p', requested: 3, rightsHere: 1, chainValue: 5, holders: [] }] }
    expect(toEnvelope({ error: { code: 'OUT_OF_STOCK', message: 'short', details } })).toEqual({
      error: { code: 'OUT_OF_STOCK', message: 'short', details },
    })
  })

  it('turns unknown shapes into INTERNAL', () => {
    expect(toEnvelope({ error: { code: 'NOPE', message: 'x' } })).toMatchObject({
      error: { code: 'INTERNAL' },
    })
    expect(toEnvelope(null)).toMatchObject({ error: { code: 'INTERNAL' } })
    expect(toEnvelope('text')).toMatchObject({ error: { code: 'INTERNAL' } })
    expect(toEnvelope.fromFailure(new Error("No handler registered for 'api:x'"))).toMatchObject({
      error: { code: 'INTERNAL' },
    })
  })
})
