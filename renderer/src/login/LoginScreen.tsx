import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Chip,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useRef, useState } from 'react'
import type { SessionView, SetupStatus } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { describeError, isApiError } from '../api/describe-error.ts'
import { SyncStatusBar } from '../sync/SyncStatusBar.tsx'
import { BrandMark } from '../ui/BrandMark.tsx'
import { rules } from '../ui/form-rules.ts'
import { PinPad } from './PinPad.tsx'
import { recentUsers } from './recent-users.ts'

type Method = 'password' | 'pin'

/** Password login, or username + PIN for a fast cashier switch (recent users are one click). */
export function LoginScreen(props: {
  setup: SetupStatus
  preferPin: boolean
  onLoggedIn: (session: SessionView) => void
}) {
  const recent = recentUsers()
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      method: (props.preferPin ? 'pin' : 'password') as Method,
      username: props.preferPin ? '' : (recent[0] ?? ''),
      secret: '',
    },
    validate: {
      username: rules.required('your username'),
      secret: (v, values) =>
        v === ''
          ? values.method === 'pin'
            ? 'Type your PIN'
            : 'Type your password'
          : values.method === 'pin'
            ? rules.pin(v)
            : null,
    },
  })
  const login = useStoreAction('session.login', { showError: 'inline' })
  const [refusal, setRefusal] = useState<string>()
  const secretRef = useRef<HTMLInputElement>(null)
  // a cashier switch or a locked till opens on the PIN pad; the form is one click away
  const [pad, setPad] = useState(props.preferPin)
  const { method, username } = form.values

  async function submit(v: typeof form.values) {
    setRefusal(undefined)
    const result = await login.tryRun(
      v.method === 'pin'
        ? { method: 'pin', username: v.username.trim(), pin: v.secret }
        : { method: 'password', username: v.username.trim(), password: v.secret },
    )
    if (result.ok) return props.onLoggedIn(result.output)
    // On this screen UNAUTHENTICATED means wrong credentials: the store's message says which.
    setRefusal(
      isApiError(result.error, 'UNAUTHENTICATED') ? result.error.message : describeError(result.error),
    )
    form.setFieldValue('secret', '')
    secretRef.current?.focus()
  }

  return (
    <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
      <Center style={{ flex: 1 }} p="xl">
        <Paper withBorder shadow="sm" p="xl" w={420}>
          {pad ? (
            <PinPad onLoggedIn={props.onLoggedIn} onUseForm={() => setPad(false)} />
          ) : (
            <form onSubmit={form.onSubmit((v) => void submit(v))}>
              <Stack gap="md">
                <Group gap="sm">
                  <BrandMark size={40} />
                  <div>
                    <Title order={1} size="h2">
                      Log in
                    </Title>
                    <Text size="sm" c="dimmed">
                      {props.setup.orgName ?? 'Allot'} · {props.setup.storeName ?? 'this store'}
                    </Text>
                  </div>
                </Group>
                {props.setup.salesLocked ? (
                  <Badge color="orange" variant="light">
                    Sales paused: {props.setup.salesLocked}
                  </Badge>
                ) : null}
                <SegmentedControl
                  fullWidth
                  data-testid="login-method"
                  value={method}
                  onChange={(v) => form.setValues({ method: v as Method, secret: '' })}
                  data={[
                    { value: 'password', label: 'Password' },
                    { value: 'pin', label: 'PIN' },
                  ]}
                />
                {recent.length > 0 ? (
                  <Chip.Group
                    value={username}
                    onChange={(v) => {
                      form.setFieldValue('username', String(v))
                      secretRef.current?.focus()
                    }}
                  >
                    <Group gap="xs">
                      {recent.map((name) => (
                        <Chip key={name} value={name} size="sm" variant="light">
                          {name}
                        </Chip>
                      ))}
                    </Group>
                  </Chip.Group>
                ) : null}
                <TextInput
                  label="Username"
                  data-testid="login-username"
                  autoComplete="username"
                  required
                  autoFocus={!username}
                  {...form.getInputProps('username')}
                />
                <PasswordInput
                  ref={secretRef}
                  data-testid="login-secret"
                  label={method === 'pin' ? 'PIN' : 'Password'}
                  autoComplete={method === 'pin' ? 'off' : 'current-password'}
                  inputMode={method === 'pin' ? 'numeric' : 'text'}
                  required
                  autoFocus={Boolean(username)}
                  {...form.getInputProps('secret')}
                />
                {refusal ? (
                  <Alert color="red" variant="light">
                    {refusal}
                  </Alert>
                ) : null}
                <Button type="submit" loading={login.pending} size="md">
                  Log in
                </Button>
                <Anchor component="button" type="button" size="sm" onClick={() => setPad(true)} ta="center">
                  PIN pad
                </Anchor>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
      <Box component="footer">
        <SyncStatusBar />
      </Box>
    </Box>
  )
}
