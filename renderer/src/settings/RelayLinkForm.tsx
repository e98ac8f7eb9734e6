import { Button, Group } from '@mantine/core'
import { useForm } from '@mantine/form'
import { rules } from '../ui/form-rules.ts'
import { useFormSave } from '../api/use-form-actions.ts'
import { FormText } from '../ui/FormText.tsx'

const forms = {
  'sync.link': {
    done: 'Linked to the relay; this store now syncs with the chain',
    button: 'Link to relay',
    urlLabel: 'Relay URL',
    ids: { url: 'relay-url', code: 'relay-code', submit: 'relay-link' },
  },
  'sync.relink': {
    done: 'Moved to the new relay; this store now syncs through it',
    button: 'Re-link',
    urlLabel: 'New relay URL',
    ids: { url: 'relay-relink-url', code: 'relay-relink-code', submit: 'relay-relink' },
  },
} as const

/** A relay's address and an enrollment code: links an unlinked store, or moves a linked one. */
export function RelayLinkForm({ method, disabled }: { method: keyof typeof forms; disabled: boolean }) {
  const words = forms[method]
  const form = useForm({
    mode: 'controlled',
    initialValues: { relayUrl: '', enrollmentCode: '' },
    validate: {
      relayUrl: rules.required('the relay’s address'),
      enrollmentCode: rules.required('the enrollment code'),
    },
    validateInputOnChange: true,
    transformValues: (v) => ({ relayUrl: v.relayUrl.trim(), enrollmentCode: v.enrollmentCode.trim() }),
  })
  const link = useFormSave(method, form, ['sync.status'], words.done)
  const submit = async (values: { relayUrl: string; enrollmentCode: string }) => {
    if (await link.run(values)) form.reset()
  }
  const ready = form.values.relayUrl.trim() !== '' && form.values.enrollmentCode.trim() !== ''
  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))}>
      <Group align="flex-end">
        <FormText
          form={form}
          name="relayUrl"
          label={words.urlLabel}
          placeholder="https://relay.example.com"
          disabled={disabled}
          style={{ flex: 2 }}
          testId={words.ids.url}
        />
        <FormText
          form={form}
          name="enrollmentCode"
          label="Enrollment code"
          disabled={disabled}
          style={{ flex: 1 }}
          testId={words.ids.code}
        />
        <Button
          type="submit"
          loading={link.pending}
          disabled={disabled || !ready}
          data-testid={words.ids.submit}
        >
          {words.button}
        </Button>
      </Group>
    </form>
  )
}
