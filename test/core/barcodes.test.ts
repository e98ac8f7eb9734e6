import { describe, expect, it } from 'vitest'
import { barcodeProblem, gtinCheckDigit } from '../../shared/core/barcodes.ts'

describe('barcodes', () => {
  it('checks the GTIN check digit of EAN-13, UPC-A and EAN-8', () => {
    expect(barcodeProblem('4006381333931')).toBeUndefined() // EAN-13
    expect(barcodeProblem('036000291452')).toBeUndefined() // UPC-A
    expect(barcodeProblem('96385074')).toBeUndefined() // EAN-8
    expect(barcodeProblem('4006381333932')).toContain('should be 1')
    expect(barcodeProblem('036000291453')).toContain('should be 2')
    expect(barcodeProblem('96385075')).toContain('should be 4')
    expect(gtinCheckDigit('400638133393')).toBe(1)
  })

  it('accepts codes that are not GTINs as they are', () => {
    for (const code of ['', 'ABC-123', '12345', '123456789']) expect(barcodeProblem(code)).toBeUndefined()
  })
})
