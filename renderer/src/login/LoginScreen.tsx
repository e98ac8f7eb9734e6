import {
  Alert,
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
import { useRef, useState, type FormEvent } from 'react'
import type { SessionView, SetupStatus } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError, isApiError } from '../api/describe-error.ts'
import { SyncStatusBar } from '../sync/SyncStatusBar.tsx'
import { BrandMark } from '../ui/BrandMark.tsx'
import { recentUsers } from './recent-users.ts'

type Method = 'password' | 'pin'

/** Password login, or username + PIN for a fast cashier switch (recent users are one click). */
export function LoginScreen(props: {
  setup: SetupStatus
  preferPin: boolean
  onLoggedIn: (session: SessionView) => void
}) {
  const api = useApi()
  const recent = recentUsers()
  const [method, setMethod] = useState<Method>(props.preferPin ? 'pin' : 'password')
  const [username, setUsername] = useState(props.preferPin ? '' : (recent[0] ?? ''))
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const secretRef = useRef<HTMLInputElement>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const session =
        method === 'pin'
          ? await api['session.login']({ method: 'pin', username: username.trim(), pin: secret })
          : await api['session.login']({ method: 'password', username: username.trim(), password: secret })
      props.onLoggedIn(session)
    } catch (e) {
      // On this screen UNAUTHENTICATED means wrong credentials: the store's message says which.
      setError(isApiError(e, 'UNAUTHENTICATED') ? e.message : describeError(e))
      setSecret('')
      secretRef.current?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
      <Center style={{ flex: 1 }} p="xl">
        <Paper withBorder shadow="sm" p="xl" w={420}>
          <form onSubmit={(e) => void submit(e)}>
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
                onChange={(v) => {
                  setMethod(v as Method)
                  setSecret('')
                }}
                data={[
                  { value: 'password', label: 'Password' },
                  { value: 'pin', label: 'PIN' },
                ]}
              />
              {recent.length > 0 ? (
                <Chip.Group
                  value={username}
                  onChange={(v) => {
                    setUsername(String(v))
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
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
              />
              <PasswordInput
                ref={secretRef}
                data-testid="login-secret"
                label={method === 'pin' ? 'PIN' : 'Password'}
                autoComplete={method === 'pin' ? 'off' : 'current-password'}
                inputMode={method === 'pin' ? 'numeric' : 'text'}
                required
                autoFocus={Boolean(username)}
                value={secret}
                onChange={(e) => setSecret(e.currentTarget.value)}
              />
              {error ? (
                <Alert color="red" variant="light">
                  {error}
                </Alert>
              ) : null}
              <Button type="submit" loading={busy} size="md">
                Log in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
      <Box component="footer">
        <SyncStatusBar />
      </Box>
    </Box>
  )
}
