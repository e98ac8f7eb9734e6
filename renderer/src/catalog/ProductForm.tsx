import {
  Alert,
  Button,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState, type FormEvent } from 'react'
import type { ProductView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { fieldErrors } from '../api/field-errors.ts'
import { minorToInput, parseMoney } from '../format/money.ts'
import { bpToPercentText, parsePercentToBp } from './tax-rate.ts'

interface Draft {
  sku: string
  name: string
  barcode: string
  price: string
  tax: string
  unit: string
  reorderPoint: number
  policy: 'pool' | 'local'
}

function draftOf(product: ProductView | undefined, currency: string): Draft {
  return {
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    barcode: product?.barcode ?? '',
    price: product ? minorToInput(product.priceMinor, currency) : '',
    tax: product ? bpToPercentText(product.taxRateBp) : '0',
    unit: product?.unit ?? 'pcs',
    reorderPoint: product?.reorderPoint ?? 0,
    policy: product?.policy ?? 'pool',
  }
}

/** Create or edit a product; archive hides it from the till without losing its history. */
export function ProductForm(props: {
  opened: boolean
  product: ProductView | undefined
  currency: string
  canEdit: boolean
  onClose: () => void
  onSaved: () => void
  onOpenStock?: (productId: string) => void
}) {
  const api = useApi()
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.product, props.currency))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  useEffect(() => {
    if (props.opened) {
      setDraft(draftOf(props.product, props.currency))
      setError(undefined)
      setErrors({})
    }
  }, [props.opened, props.product, props.currency])
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const priceMinor = parseMoney(draft.price, props.currency)
  const taxRateBp = parsePercentToBp(draft.tax)

  async function save(event: FormEvent) {
    event.preventDefault()
    if (priceMinor === undefined || taxRateBp === undefined) return
    setBusy(true)
    setError(undefined)
    setErrors({})
    try {
      const saved = await api['catalog.upsert']({
        ...(props.product ? { id: props.product.id } : {}),
        sku: draft.sku,
        name: draft.name,
        barcode: draft.barcode,
        priceMinor,
        taxRateBp,
        unit: draft.unit,
        reorderPoint: draft.reorderPoint,
        policy: draft.policy,
      })
      notifications.show({ color: 'teal', message: `Saved ${saved.name}` })
      props.onSaved()
      props.onClose()
    } catch (e) {
      setErrors(fieldErrors(e))
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  async function archive(archived: boolean) {
    if (!props.product) return
    setBusy(true)
    try {
      await api['catalog.archive']({ id: props.product.id, archived })
      notifications.show({
        color: 'gray',
        message: `${props.product.name} ${archived ? 'archived' : 'restored'}`,
      })
      props.onSaved()
      props.onClose()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const readOnly = !props.canEdit
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="right"
      size="md"
      title={<Text fw={700}>{props.product ? props.product.name : 'New product'}</Text>}
    >
      <form onSubmit={(e) => void save(e)}>
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            readOnly={readOnly}
            value={draft.name}
            error={errors.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            data-autofocus
          />
          <SimpleGrid cols={2}>
            <TextInput
              label="SKU"
              required
              readOnly={readOnly}
              value={draft.sku}
              error={errors.sku}
              onChange={(e) => set('sku', e.currentTarget.value)}
            />
            <TextInput
              label="Barcode"
              readOnly={readOnly}
              value={draft.barcode}
              error={errors.barcode}
              onChange={(e) => set('barcode', e.currentTarget.value)}
            />
            <TextInput
              label={`Price (${props.currency}, before tax)`}
              required
              inputMode="decimal"
              readOnly={readOnly}
              value={draft.price}
              error={draft.price && priceMinor === undefined ? 'Not an amount' : errors.priceMinor}
              onChange={(e) => set('price', e.currentTarget.value)}
            />
            <TextInput
              label="Tax rate (%)"
              inputMode="decimal"
              readOnly={readOnly}
              value={draft.tax}
              error={taxRateBp === undefined ? 'A percentage such as 20 or 7.5' : errors.taxRateBp}
              onChange={(e) => set('tax', e.currentTarget.value)}
            />
            <TextInput
              label="Unit"
              readOnly={readOnly}
              value={draft.unit}
              error={errors.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
            />
            <NumberInput
              label="Reorder point"
              min={0}
              allowDecimal={false}
              readOnly={readOnly}
              value={draft.reorderPoint}
              onChange={(v) => set('reorderPoint', Number(v) || 0)}
            />
          </SimpleGrid>
          <Select
            label="Stock policy"
            description="Pool: one chain-wide quantity, rebalanced automatically. Local: each store's shelf, moved only by transfers."
            readOnly={readOnly}
            allowDeselect={false}
            value={draft.policy}
            onChange={(v) => set('policy', v === 'local' ? 'local' : 'pool')}
            data={[
              { value: 'pool', label: 'Pool (chain-wide)' },
              { value: 'local', label: 'Local (per store)' },
            ]}
          />
          {error ? (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          ) : null}
          <Group justify="space-between" mt="md">
            <Group gap="xs">
              {props.product && props.canEdit ? (
                <Button
                  variant="subtle"
                  color={props.product.archived ? 'teal' : 'red'}
                  onClick={() => void archive(!props.product?.archived)}
                  disabled={busy}
                >
                  {props.product.archived ? 'Restore' : 'Archive'}
                </Button>
              ) : null}
              {props.product && props.onOpenStock ? (
                <Button
                  variant="subtle"
                  onClick={() => props.product && props.onOpenStock?.(props.product.id)}
                >
                  Stock
                </Button>
              ) : null}
            </Group>
            {props.canEdit ? (
              <Button
                type="submit"
                loading={busy}
                disabled={priceMinor === undefined || taxRateBp === undefined}
              >
                {props.product ? 'Save changes' : 'Create product'}
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                Managers edit the catalog.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Drawer>
  )
}
