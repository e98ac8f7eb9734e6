import { TextInput, type TextInputProps } from '@mantine/core'

/** A text field bound to one field of a `@mantine/form` form: what was typed and its message. */
export function FormText({
  form,
  name,
  testId,
  autoFocus,
  ...rest
}: {
  form: { getInputProps: (path: string) => object }
  name: string
  testId?: string
  /** The field a dialog focuses when it opens. */
  autoFocus?: boolean
} & Omit<TextInputProps, 'value' | 'onChange' | 'error' | 'form' | 'name'>) {
  return (
    <TextInput
      {...rest}
      {...form.getInputProps(name)}
      {...(autoFocus ? { 'data-autofocus': true } : {})}
      data-testid={testId}
    />
  )
}
