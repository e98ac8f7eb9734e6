import { TextInput } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * An amount of money as typed ("100", "12.50"). In a form, spread `form.getInputProps(path)` into
 * it with a `rules.money` check: the message shows under the field as the person types.
 */
export function MoneyField(props: {
  label: string
  value?: string
  onChange?: (text: string) => void
  error?: ReactNode
  onBlur?: () => void
  onFocus?: () => void
  testId?: string
  w?: number
}) {
  return (
    <TextInput
      label={props.label}
      value={props.value ?? ''}
      inputMode="decimal"
      onChange={(e) => props.onChange?.(e.currentTarget.value)}
      onBlur={props.onBlur}
      onFocus={props.onFocus}
      error={props.error}
      w={props.w ?? 180}
      data-testid={props.testId}
    />
  )
}
