import { TextInput } from '@mantine/core'
import { useState } from 'react'
import { qtyProblem } from './qty-problem.ts'

/**
 * A line's quantity, kept exactly as typed while the cashier types (no "0" left in front of the
 * digits). A whole number from 1 is taken at once; anything else is shown with a message and, on
 * leaving the field, goes back to the quantity being charged, so the field never shows one number
 * while the cart charges another.
 */
export function QtyField(props: { label: string; qty: number; onSetQty: (qty: number) => void }) {
  const [draft, setDraft] = useState<string>()
  const shown = draft ?? String(props.qty)
  const problem = draft === undefined ? undefined : qtyProblem(draft)
  return (
    <TextInput
      aria-label={props.label}
      data-testid="line-qty"
      inputMode="numeric"
      value={shown}
      error={problem}
      w={64}
      styles={{ input: { textAlign: 'center' }, error: { whiteSpace: 'nowrap' } }}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => {
        const text = e.currentTarget.value
        setDraft(text)
        if (qtyProblem(text) === undefined) props.onSetQty(Number(text))
      }}
      onBlur={() => setDraft(undefined)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'Escape') {
          setDraft(undefined)
          e.currentTarget.blur()
        }
      }}
    />
  )
}
