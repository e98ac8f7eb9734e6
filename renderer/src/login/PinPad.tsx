import { Alert, Anchor, Button, Group, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useRef, useState, type FormEvent } from 'react'
import type { SessionView, StaffTile } from '../../../shared/api/views.ts'
import { describeError, isApiError } from '../api/describe-error.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK'] as const

/**
 * The lock screen and the cashier switch: tap your name, then your PIN on the pad (or type it).
 * The till's cart and shift stay as they were.
 */
export function PinPad(props: { onLoggedIn: (session: SessionView) => void; onUseForm: () => void }) {
  const staff = useStoreQuery('session.staff', {}).data?.staff
  const [who, setWho] = useState<StaffTile>()
  const [pin, setPin] = useState('')
  const [refusal, setRefusal] = useState<string>()
  const login = useStoreAction('session.login', { showError: 'inline' })
  const pinRef = useRef<HTMLInputElement>(null)

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (!who || !/^\d{4,8}$/.test(pin)) return setRefusal('Four to eight digits')
    const result = await login.tryRun({ method: 'pin', username: who.username, pin })
    if (result.ok) return props.onLoggedIn(result.output)
    setRefusal(isApiError(result.error, 'UNAUTHENTICATED') ? 'Wrong PIN' : describeError(result.error))
    setPin('')
    pinRef.current?.focus()
  }
  const press = (key: (typeof keys)[number]) => {
    setRefusal(undefined)
    if (key === 'OK') return void submit()
    setPin((p) => (key === '⌫' ? p.slice(0, -1) : (p + key).slice(0, 8)))
    pinRef.current?.focus()
  }
  return (
    <Stack gap="md" data-testid="pin-pad">
      <div>
        <Title order={1} size="h2">
          Log in
        </Title>
        <Text size="sm" c="dimmed">
          {who ? `${who.displayName}: your PIN` : 'Tap your name'}
        </Text>
      </div>
      {!who ? (
        <SimpleGrid cols={2}>
          {(staff ?? []).map((s) => (
            <Button
              key={s.username}
              variant="default"
              size="lg"
              onClick={() => {
                setWho(s)
                setTimeout(() => pinRef.current?.focus(), 0)
              }}
              data-testid="staff-tile"
            >
              {s.displayName}
            </Button>
          ))}
        </SimpleGrid>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Stack gap="sm">
            <PasswordInput
              ref={pinRef}
              label="PIN"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(e) => {
                setRefusal(undefined)
                setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))
              }}
              data-testid="pin-input"
            />
            <SimpleGrid cols={3} spacing="xs">
              {keys.map((k) => (
                <Button
                  key={k}
                  variant={k === 'OK' ? 'filled' : 'default'}
                  size="lg"
                  loading={k === 'OK' && login.pending}
                  aria-label={k === '⌫' ? 'Delete the last digit' : k === 'OK' ? 'Log in' : k}
                  onClick={() => press(k)}
                >
                  {k}
                </Button>
              ))}
            </SimpleGrid>
            {refusal ? (
              <Alert color="red" variant="light" data-testid="pin-refusal">
                {refusal}
              </Alert>
            ) : null}
            <Anchor component="button" type="button" size="sm" onClick={() => setWho(undefined)}>
              Not {who.displayName}?
            </Anchor>
          </Stack>
        </form>
      )}
      <Group justify="center">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={props.onUseForm}
          data-testid="pin-pad-form"
        >
          Log in with a username and password
        </Anchor>
      </Group>
    </Stack>
  )
}
