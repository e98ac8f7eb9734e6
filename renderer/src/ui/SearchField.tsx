import { TextInput } from '@mantine/core'

/** A list's search box: what it searches by as the hint, its name for screen readers. */
export function SearchField(props: {
  value: string
  onChange: (text: string) => void
  /** Its name for screen readers, and the hint unless one is given. */
  label: string
  hint?: string
  w?: number
  testId?: string
}) {
  return (
    <TextInput
      placeholder={props.hint ?? props.label}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      w={props.w ?? 260}
      data-testid={props.testId}
    />
  )
}
