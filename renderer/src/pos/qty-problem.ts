import { maxLineQty } from './cart.ts'

/** Why a typed quantity cannot be taken, in the cashier's words; undefined when it can. */
export function qtyProblem(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return 'Type a quantity'
  if (!/^\d+$/.test(trimmed)) return 'Whole numbers only'
  const n = Number(trimmed)
  if (n < 1) return 'At least 1'
  if (n > maxLineQty) return `At most ${maxLineQty.toLocaleString()}`
  return undefined
}
