import { Select, type SelectProps } from '@mantine/core'

/** A choice bound to one field of a `@mantine/form` form; always one of `options` (never empty). */
export function FormSelect({
  form,
  name,
  options,
  testId,
  ...rest
}: {
  form: { getInputProps: (path: string) => object }
  name: string
  options: readonly { value: string; label: string }[]
  testId?: string
} & Omit<SelectProps, 'value' | 'onChange' | 'error' | 'data' | 'form' | 'name'>) {
  return (
    <Select
      allowDeselect={false}
      {...rest}
      data={options as { value: string; label: string }[]}
      {...form.getInputProps(name)}
      data-testid={testId}
    />
  )
}
