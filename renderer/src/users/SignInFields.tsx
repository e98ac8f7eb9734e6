import { Group, PasswordInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'

/** PIN and password side by side, for a form whose values have both. */
export function SignInFields<V extends { pin: string; password: string }>(props: {
  form: UseFormReturnType<V>
  prefix: string
  testIds: { pin: string; password: string }
}) {
  return (
    <Group grow align="flex-start">
      <PasswordInput
        label={`${props.prefix}PIN (4–8 digits)`}
        inputMode="numeric"
        {...props.form.getInputProps('pin')}
        data-testid={props.testIds.pin}
      />
      <PasswordInput
        label={`${props.prefix}password (8+ characters)`.replace(/^p/, 'P')}
        {...props.form.getInputProps('password')}
        data-testid={props.testIds.password}
      />
    </Group>
  )
}
