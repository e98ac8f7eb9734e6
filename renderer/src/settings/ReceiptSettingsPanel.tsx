import { Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { StoreSettingsView } from '../../../shared/api/views.ts'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules } from '../ui/form-rules.ts'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { FormText } from '../ui/FormText.tsx'
import { SaveFooter } from '../ui/SaveFooter.tsx'
import { FormSelect } from '../ui/FormSelect.tsx'

const portRule = { min: 1, max: 65_535 }
const papers = [
  { value: '80mm', label: '80 mm (48 characters)' },
  { value: '58mm', label: '58 mm (32 characters)' },
]

const valuesOf = (s: StoreSettingsView) => ({
  timeZone: s.timeZone,
  businessName: s.businessName,
  address: s.addressLines.join('\n'),
  taxId: s.taxId,
  footer: s.receiptFooter,
  paperWidth: s.paperWidth as string | null,
  printerHost: s.printer?.host ?? '',
  printerPort: String(s.printer?.port ?? 9100),
})

const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * What receipts say and where they print: the store's time zone and business details, this
 * till's paper and its network printer (ESC/POS on port 9100; empty: the print dialog only).
 */
export function ReceiptSettingsPanel() {
  const settings = useStoreQuery('settings.get', {})
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      timeZone: 'UTC',
      businessName: '',
      address: '',
      taxId: '',
      footer: '',
      paperWidth: '80mm' as string | null,
      printerHost: '',
      printerPort: '9100',
    },
    validate: {
      timeZone: (v: string) => (validTimeZone(v.trim()) ? null : 'A time zone such as Europe/Berlin'),
      businessName: rules.maxChars(100),
      address: (v: string) =>
        v.split('\n').length > 5
          ? 'At most 5 lines'
          : v.split('\n').some((l) => l.length > 100)
            ? 'At most 100 characters a line'
            : null,
      taxId: rules.maxChars(40),
      footer: rules.maxChars(500),
      printerPort: rules.wholeNumber(portRule),
    },
    validateInputOnChange: true,
  })
  useFormFilledFrom(form, settings.data, valuesOf)
  const save = useFormSave(
    'settings.update',
    form,
    ['settings.get', 'receipts.printer'],
    'Receipt settings saved',
  )
  const submit = (v: typeof form.values) => {
    const host = v.printerHost.trim()
    void save.run({
      timeZone: v.timeZone.trim(),
      businessName: v.businessName.trim(),
      addressLines: v.address
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      taxId: v.taxId.trim(),
      receiptFooter: v.footer.trim(),
      ...(v.paperWidth === '58mm' || v.paperWidth === '80mm' ? { paperWidth: v.paperWidth } : {}),
      printer: host ? { host, port: Number(v.printerPort) } : null,
    })
  }
  return (
    <Paper withBorder p="md" data-testid="receipt-settings">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Receipts and printer
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FormText form={form} name="businessName" label="Business name" testId="receipt-business" />
            <FormText form={form} name="taxId" label="Tax id" />
            <Textarea
              label="Address (one line each)"
              autosize
              minRows={2}
              {...form.getInputProps('address')}
            />
            <Textarea label="Footer" autosize minRows={2} {...form.getInputProps('footer')} />
            <FormText
              form={form}
              name="timeZone"
              label="Store time zone"
              description="Receipts and lists show this local time"
            />
            <FormSelect form={form} name="paperWidth" label="Paper" options={papers} />
          </SimpleGrid>
          <Text size="sm" fw={600}>
            This till&apos;s network receipt printer
          </Text>
          <Group align="flex-start">
            <FormText
              form={form}
              name="printerHost"
              label="Host or IP address"
              placeholder="Empty: the print dialog only"
              testId="printer-host"
            />
            <FormWholeNumber
              form={form}
              name="printerPort"
              label="Port"
              rule={portRule}
              w={110}
              testId="printer-port"
            />
          </Group>
          <SaveFooter label="Save receipt settings" pending={save.pending} testId="receipt-settings-save" />
        </Stack>
      </form>
    </Paper>
  )
}
