import { TextInput } from '@mantine/core'
import { readWholeNumber, type WholeNumberRule } from './whole-number.ts'

/**
 * A whole-number field that keeps exactly the characters typed (a cleared field stays empty, so
 * typing 5 gives 5, not 50) and says what is wrong as the person types.
 */
export function WholeNumberField(props: {
  label: string
  value: string
  rule: WholeNumberRule
  onChange: (text: string) => void
  w?: number
  testId?: string
}) {
  const read = readWholeNumber(props.value, props.rule)
  return (
    <TextInput
      label={props.label}
      inputMode={props.rule.min < 0 ? 'text' : 'numeric'}
      value={props.value}
      error={read.ok ? undefined : read.message}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      w={props.w ?? 200}
      data-testid={props.testId}
    />
  )
}
