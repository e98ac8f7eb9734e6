import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ApiError } from '../../shared/api/errors.ts'
import { inputs } from '../../shared/api/contract.ts'
import { describeError } from '../../renderer/src/api/describe-error.ts'
import { fieldErrors } from '../../renderer/src/api/field-errors.ts'

/** The VALIDATION error the store sends for this input, built the way the store builds it. */
function validationErrorFor(schema: z.ZodType, input: unknown): ApiError {
  const parsed = schema.safeParse(input)
  if (parsed.success) throw new Error('the input was accepted')
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  return new ApiError('VALIDATION', 'Invalid input', { issues })
}

const schemaWords = /expected|received|too (big|small)|invalid input|>=|<=/i

describe('errors in the staff language', () => {
  it('turns the real schema messages into plain words per field', () => {
    const tooBig = validationErrorFor(inputs['stock.restock'], { productId: 'p1', qty: 1_000_001 })
    expect(describeError(tooBig)).toBe('Quantity: At most 1,000,000')
    const fractional = validationErrorFor(inputs['stock.restock'], { productId: 'p1', qty: 1.5 })
    expect(describeError(fractional)).not.toMatch(schemaWords)
    const noProduct = validationErrorFor(inputs['stock.restock'], { productId: '', qty: 1 })
    expect(describeError(noProduct)).not.toMatch(schemaWords)
  })

  it('never shows a schema message, whatever the field', () => {
    const longName = 'x'.repeat(201)
    for (const [schema, input] of [
      [inputs['stock.adjust'], { productId: 'p1', delta: 2_000_000, reason: 'count' }],
      [inputs['stock.adjust'], { productId: 'p1', delta: 1, reason: 'because' }],
      [inputs['stock.restock'], { productId: 'p1', qty: 'ten' }],
      [inputs['stock.restock'], { productId: 'p1', qty: 1, note: longName.repeat(3) }],
    ] as const) {
      const error = validationErrorFor(schema, input)
      expect(describeError(error)).not.toMatch(schemaWords)
      for (const text of Object.values(fieldErrors(error))) expect(text).not.toMatch(schemaWords)
    }
  })

  it('names one short product as one product', () => {
    const error = new ApiError('OUT_OF_STOCK', 'out of stock', { lines: [{ productId: 'p1' }] })
    expect(describeError(error)).toBe('Not enough stock of this product at this store.')
  })
})
