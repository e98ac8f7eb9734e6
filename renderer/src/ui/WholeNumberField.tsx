import { TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import { readWholeNumber, type WholeNumberRule } from './whole-number.ts'

/**
 * A whole-number field that keeps exactly the characters typed (a cleared field stays empty, so
 * typing 5 gives 5, not 50) and says what is wrong as the person types. In a form, spread
 * `form.getInputProps(path)` into it: the form's message is shown instead of its own.
 */
export function WholeNumberField(props: {
  label: string
  /** Optional only so `form.getInputProps` spreads in; always given. */
  value?: string
  rule: WholeNumberRule
  onChange: (text: string) => void
  error?: ReactNode
  onBlur?: () => void
  onFocus?: () => void
  w?: number | string
  testId?: string
  size?: string
  disabled?: boolean
  'aria-label'?: string
}) {
  const value = props.value ?? ''
  const read = readWholeNumber(value, props.rule)
  const error = 'error' in props ? props.error : read.ok ? undefined : read.message
  return (
    <TextInput
      label={props.label}
      aria-label={props['aria-label']}
      inputMode={props.rule.min < 0 ? 'text' : 'numeric'}
      value={value}
      error={error}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      onBlur={props.onBlur}
      onFocus={props.onFocus}
      w={props.w ?? 200}
      size={props.size}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  )
}

type WholeNumberProps = Parameters<typeof WholeNumberField>[0]
type BoundProps = Pick<WholeNumberProps, 'value' | 'onChange' | 'error' | 'onBlur' | 'onFocus'>

/** A whole-number field bound to one field of a `@mantine/form` form (what it typed, its message). */
export function FormWholeNumber({
  form,
  name,
  ...rest
}: { form: { getInputProps: (path: string) => object }; name: string } & Omit<
  WholeNumberProps,
  keyof BoundProps
>) {
  return <WholeNumberField {...rest} {...(form.getInputProps(name) as BoundProps)} />
}
