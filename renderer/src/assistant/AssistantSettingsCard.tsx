import { Button, Group, Paper, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { AssistantSettingsView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'

const timeoutRule = { min: 100, max: 120_000, unit: 'ms' }
const valuesOf = (v: AssistantSettingsView) => ({
  enabled: v.enabled,
  baseUrl: v.baseUrl,
  model: v.model,
  apiKey: '',
  timeoutMs: String(v.timeoutMs),
})

/**
 * The optional language model (managers only). Off by default: nothing leaves the machine unless
 * it is switched on here. The key is write-only: the store never sends it back. Where questions go
 * (the base URL) and the key are the owner's to change; the store enforces it.
 */
export function AssistantSettingsCard() {
  const isOwner = hasRole(useSession().user, 'owner')
  const settings = useStoreQuery('assistant.settings.get', {})
  const view = settings.data
  const form = useForm({
    mode: 'controlled',
    initialValues: { enabled: false, baseUrl: '', model: '', apiKey: '', timeoutMs: '8000' },
    validate: { model: rules.maxChars(200), timeoutMs: rules.wholeNumber(timeoutRule) },
    validateInputOnChange: true,
  })
  useFormFilledFrom(form, view, valuesOf)
  const save = useFormSave(
    'assistant.settings.update',
    form,
    ['assistant.settings.get'],
    'Assistant settings saved.',
  )
  const submit = (v: typeof form.values) =>
    void save.run({
      enabled: v.enabled,
      model: v.model,
      timeoutMs: wholeNumberOf(v.timeoutMs),
      ...(v.baseUrl !== view?.baseUrl ? { baseUrl: v.baseUrl } : {}),
      ...(v.apiKey ? { apiKey: v.apiKey } : {}),
    })

  if (!view) return null
  return (
    <Paper withBorder p="md" radius="md" data-testid="assistant-settings">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Title order={4}>Language model (optional)</Title>
          <Text size="sm" c="dimmed">
            {view.notice}
          </Text>
          <Switch
            label="Use an OpenAI-compatible chat-completions endpoint"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Base URL"
              placeholder="https://llm.example.com/v1"
              description={isOwner ? undefined : 'Only an owner can change it'}
              disabled={!isOwner}
              {...form.getInputProps('baseUrl')}
            />
            <TextInput label="Model" {...form.getInputProps('model')} />
          </Group>
          <Group grow align="flex-start">
            <PasswordInput
              label="API key"
              placeholder={view.hasKey ? 'A key is stored (leave empty to keep it)' : 'No key stored'}
              description={
                isOwner
                  ? 'Changing the base URL to another server removes the stored key'
                  : 'Only an owner can change it'
              }
              disabled={!isOwner}
              {...form.getInputProps('apiKey')}
            />
            <FormWholeNumber form={form} name="timeoutMs" label="Timeout (ms)" rule={timeoutRule} w="100%" />
          </Group>
          {settings.error ? <Text c="red">{settings.error}</Text> : null}
          <Group justify="flex-end">
            <Button type="submit" color="teal" loading={save.pending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
