import { Alert, Button, Paper, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'

const unitsRule = { min: 0, max: 1_000_000, unit: 'units' }

/** This store's floor and low-water minimum for chain-pool products. */
export function ThresholdsForm() {
  const settings = useStoreQuery('settings.get', {})
  const form = useForm({
    mode: 'controlled',
    initialValues: { floor: '0', lowWaterMinimum: '1' },
    validate: { floor: rules.wholeNumber(unitsRule), lowWaterMinimum: rules.wholeNumber(unitsRule) },
    validateInputOnChange: true,
  })
  useFormFilledFrom(form, settings.data, (s) => ({
    floor: String(s.floor),
    lowWaterMinimum: String(s.lowWaterMinimum),
  }))
  const save = useFormSave('settings.update', form, ['settings.get'], 'Thresholds saved for this store')
  const submit = (v: typeof form.values) =>
    void save.run({ floor: wholeNumberOf(v.floor), lowWaterMinimum: wholeNumberOf(v.lowWaterMinimum) })
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          <Text fw={700}>This store's thresholds</Text>
          <Text size="sm" c="dimmed">
            Chain-pool products rebalance on their own: this store asks others when its rights fall below the
            low-water mark, and gives away at most half of what it holds above its floor.
          </Text>
          {settings.error ? <Alert color="red">{settings.error}</Alert> : null}
          <FormWholeNumber
            form={form}
            name="floor"
            label="Floor (units kept per product)"
            rule={unitsRule}
            w="100%"
            testId="floor-input"
          />
          <FormWholeNumber
            form={form}
            name="lowWaterMinimum"
            label="Low-water minimum (ask below)"
            rule={unitsRule}
            w="100%"
            testId="lowwater-input"
          />
          <Text size="xs" c="dimmed" mt={-8}>
            The mark also grows with recent sales speed
          </Text>
          <Button type="submit" loading={save.pending} data-testid="thresholds-save">
            Save thresholds
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
