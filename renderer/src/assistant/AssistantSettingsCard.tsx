import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type { AssistantSettingsView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'

/**
 * The optional language model (managers only). Off by default: nothing leaves the machine unless
 * it is switched on here. The key is write-only: the store never sends it back. Where questions go
 * (the base URL) and the key are the owner's to change; the store enforces it.
 */
export function AssistantSettingsCard() {
  const api = useApi()
  const isOwner = hasRole(useSession().user, 'owner')
  const [view, setView] = useState<AssistantSettingsView>()
  const [enabled, setEnabled] = useState(false)
  const [baseUrl, setBaseUrl] = useState('')
  const [model, setModel] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [timeoutMs, setTimeoutMs] = useState<number>(8000)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()

  const show = (v: AssistantSettingsView) => {
    setView(v)
    setEnabled(v.enabled)
    setBaseUrl(v.baseUrl)
    setModel(v.model)
    setTimeoutMs(v.timeoutMs)
    setApiKey('')
  }
  useEffect(() => {
    api['assistant.settings.get']({}).then(show, (e: unknown) =>
      setMessage({ ok: false, text: describeError(e) }),
    )
  }, [api])

  const save = () => {
    api['assistant.settings.update']({
      enabled,
      model,
      timeoutMs,
      ...(baseUrl !== view?.baseUrl ? { baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
    }).then(
      (v) => {
        show(v)
        setMessage({ ok: true, text: 'Saved.' })
      },
      (e: unknown) => setMessage({ ok: false, text: describeError(e) }),
    )
  }

  if (!view) return null
  return (
    <Paper withBorder p="md" radius="md" data-testid="assistant-settings">
      <Stack gap="sm">
        <Title order={4}>Language model (optional)</Title>
        <Text size="sm" c="dimmed">
          {view.notice}
        </Text>
        <Switch
          label="Use an OpenAI-compatible chat-completions endpoint"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <Group grow>
          <TextInput
            label="Base URL"
            placeholder="https://llm.example.com/v1"
            description={isOwner ? undefined : 'Only an owner can change it'}
            disabled={!isOwner}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.currentTarget.value)}
          />
          <TextInput label="Model" value={model} onChange={(e) => setModel(e.currentTarget.value)} />
        </Group>
        <Group grow>
          <PasswordInput
            label="API key"
            placeholder={view.hasKey ? 'A key is stored (leave empty to keep it)' : 'No key stored'}
            description={
              isOwner
                ? 'Changing the base URL to another server removes the stored key'
                : 'Only an owner can change it'
            }
            disabled={!isOwner}
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
          />
          <NumberInput
            label="Timeout (ms)"
            min={100}
            max={120000}
            value={timeoutMs}
            onChange={(v) => setTimeoutMs(typeof v === 'number' ? v : 8000)}
          />
        </Group>
        {message ? <Alert color={message.ok ? 'teal' : 'red'}>{message.text}</Alert> : null}
        <Group justify="flex-end">
          <Button onClick={save} color="teal">
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
