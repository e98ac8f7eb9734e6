import { Button, Grid, Paper, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { OutputOf } from '../../../shared/api/contract.ts'
import { rules } from '../ui/form-rules.ts'
import { useFormSave } from '../api/use-form-actions.ts'

/** The text at the top of this store's receipts, with a preview. */
export function ReceiptHeaderForm({ settings }: { settings: OutputOf<'settings.get'> }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { receiptHeader: settings.receiptHeader },
    validate: { receiptHeader: rules.maxChars(500) },
    validateInputOnChange: true,
  })
  const save = useFormSave('settings.update', form, ['settings.get'], 'Receipt header saved')
  const defaultHeader = `${settings.orgName}\n${settings.storeName}`
  return (
    <form onSubmit={form.onSubmit((values) => void save.run(values))}>
      <Grid gap="md">
        <Grid.Col span={7}>
          <Textarea
            label="Receipt header"
            description="Printed at the top of every receipt from this store. Empty: organisation and store name."
            autosize
            minRows={3}
            maxRows={6}
            {...form.getInputProps('receiptHeader')}
            placeholder={defaultHeader}
            data-testid="settings-receipt-header"
          />
          <Button type="submit" mt="sm" loading={save.pending} data-testid="settings-receipt-save">
            Save receipt header
          </Button>
        </Grid.Col>
        <Grid.Col span={5}>
          <Text size="sm" fw={500} mb={4}>
            Preview
          </Text>
          <Paper withBorder p="sm" bg="gray.0" ff="monospace" fz="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {(form.values.receiptHeader.trim() || defaultHeader) +
              '\n' +
              '-'.repeat(22) +
              '\nGreen tea        €3.73\nTOTAL            €3.73'}
          </Paper>
        </Grid.Col>
      </Grid>
    </form>
  )
}
