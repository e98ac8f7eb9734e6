import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { isIsoCurrency } from '../../../shared/api/currency.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { ConfirmModal } from '../ui/ConfirmModal.tsx'
import { rules } from '../ui/form-rules.ts'
import { ReceiptHeaderForm } from './ReceiptHeaderForm.tsx'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'

const currencyRule = (value: string) =>
  value && !isIsoCurrency(value) ? 'Not a currency code: use one such as EUR, USD or GBP' : null

/** The chain's name and currency (owner only, behind a confirmation) and this store's receipt header. */
export function OrganisationPanel({ isOwner }: { isOwner: boolean }) {
  const settings = useStoreQuery('settings.get', {})
  const form = useForm({
    mode: 'controlled',
    initialValues: { orgName: '', currency: '' },
    validate: {
      orgName: rules.all(rules.required('the organisation’s name'), rules.maxChars(200)),
      currency: rules.all(rules.required('a currency code'), currencyRule),
    },
    validateInputOnChange: true,
    transformValues: (v) => ({ orgName: v.orgName.trim(), currency: v.currency.trim().toUpperCase() }),
  })
  useFormFilledFrom(form, settings.data, (s) => ({ orgName: s.orgName, currency: s.currency }))
  const save = useFormSave(
    'settings.update',
    form,
    ['settings.get'],
    'Organisation saved (reload to show the new currency everywhere)',
  )
  const [confirming, setConfirming] = useState(false)
  const { orgName, currency } = form.getTransformedValues()
  const changes = settings.data
    ? [
        orgName !== settings.data.orgName ? `name “${settings.data.orgName}” → “${orgName}”` : '',
        currency !== settings.data.currency ? `currency ${settings.data.currency} → ${currency}` : '',
      ].filter(Boolean)
    : []
  const saveOrg = () => {
    setConfirming(false)
    void save.run({ orgName, currency })
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Organisation and receipt
      </Text>
      {settings.error ? <Alert color="red">{settings.error}</Alert> : null}
      <ConfirmModal
        question={confirming ? 'Change the organisation for every store?' : undefined}
        detail={`This changes the ${changes.join(' and the ')} at every store of the chain, on every till and receipt, as soon as they sync.`}
        confirmLabel="Change for every store"
        onConfirm={saveOrg}
        onCancel={() => setConfirming(false)}
      />
      <Stack>
        <form onSubmit={form.onSubmit(() => setConfirming(true))}>
          <Group align="flex-end">
            <TextInput
              label="Organisation name"
              {...form.getInputProps('orgName')}
              disabled={!isOwner}
              style={{ flex: 1 }}
            />
            <TextInput
              label="Currency"
              description="ISO code"
              {...form.getInputProps('currency')}
              onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())}
              maxLength={3}
              w={110}
              disabled={!isOwner}
              data-testid="settings-currency"
            />
            {isOwner ? (
              <Button
                type="submit"
                variant="light"
                loading={save.pending}
                disabled={!form.isValid() || changes.length === 0}
                data-testid="settings-org-save"
              >
                Save
              </Button>
            ) : null}
          </Group>
        </form>
        <Text size="xs" c="dimmed">
          {isOwner
            ? 'Prices are stored in minor units: change the currency only before selling, or to a currency with the same number of decimals.'
            : "Only an owner changes the organisation's name and currency (they apply to every store)."}
        </Text>
        {settings.data ? <ReceiptHeaderForm settings={settings.data} /> : null}
      </Stack>
    </Paper>
  )
}
