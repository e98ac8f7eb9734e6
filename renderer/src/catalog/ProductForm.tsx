import { Alert, Checkbox, Drawer, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import type { ProductView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { minorDigits, minorToInput, parseMoney } from '../format/money.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { useConfirmUnusual } from '../ui/use-confirm-unusual.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { ProductFormFooter } from './ProductFormFooter.tsx'
import { ProductPurchasingFields } from './ProductPurchasingFields.tsx'
import { bpToPercentText, parsePercentToBp } from './tax-rate.ts'

const reorderRule = { min: 0, max: 1_000_000, unit: 'units' }
// A price of this many currency units or more is asked about: a slip of the decimal point.
const unusualPrice = 1000

function valuesOf(product: ProductView | undefined, currency: string) {
  return {
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    barcode: product?.barcode ?? '',
    price: product ? minorToInput(product.priceMinor, currency) : '',
    tax: product ? bpToPercentText(product.taxRateBp) : '0',
    unit: product?.unit ?? 'pcs',
    reorderPoint: String(product?.reorderPoint ?? 0),
    policy: (product?.policy ?? 'pool') as 'pool' | 'local',
    category: product?.category ?? '',
    supplierId: (product?.supplierId || null) as string | null,
    supplierSku: product?.supplierSku ?? '',
    cost: product ? minorToInput(product.costMinor, currency) : '',
    byWeight: product?.byWeight ?? false,
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
  const form = useForm({
    mode: 'controlled',
    initialValues: valuesOf(props.product, props.currency),
    validate: {
      name: rules.all(rules.required('the product’s name'), rules.maxChars(200)),
      sku: rules.all(rules.required('a SKU'), rules.maxChars(64)),
      barcode: rules.maxChars(64),
      price: rules.money(props.currency),
      tax: (v: string) => (parsePercentToBp(v) === undefined ? 'A percentage such as 20 or 7.5' : null),
      unit: rules.all(rules.required('a unit such as pcs or kg'), rules.maxChars(20)),
      reorderPoint: rules.wholeNumber(reorderRule),
      category: rules.maxChars(100),
      supplierSku: rules.maxChars(64),
      cost: (v: string) => (v.trim() === '' ? null : rules.money(props.currency)(v)),
    },
    validateInputOnChange: true,
  })
  const { setValues, resetDirty, clearErrors } = form
  useEffect(() => {
    if (!props.opened) return
    const values = valuesOf(props.product, props.currency)
    setValues(values)
    resetDirty(values)
    clearErrors()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form's setters are stable
  }, [props.opened, props.product, props.currency])
  const done = () => {
    props.onSaved()
    props.onClose()
  }
  // The store's paths are the input's: its price and tax rate are the form's price and tax.
  const setFieldErrors = (errors: Record<string, string>) =>
    form.setErrors(
      Object.fromEntries(
        Object.entries(errors).map(([p, m]) => [
          p === 'priceMinor' ? 'price' : p === 'taxRateBp' ? 'tax' : p,
          m,
        ]),
      ),
    )
  const upsert = useStoreAction('catalog.upsert', {
    showError: 'inline',
    setFieldErrors,
    success: (p) => `Saved ${p.name}`,
  })
  const archive = useStoreAction('catalog.archive', { showError: 'inline' })
  const unusual = useConfirmUnusual(
    unusualPrice * 10 ** minorDigits(props.currency),
    'This price is unusually high. Check the decimal point before saving.',
  )

  const save = (v: typeof form.values) => {
    const priceMinor = parseMoney(v.price, props.currency)
    const taxRateBp = parsePercentToBp(v.tax)
    if (priceMinor === undefined || taxRateBp === undefined) return
    const input = {
      ...(props.product ? { id: props.product.id } : {}),
      sku: v.sku,
      name: v.name,
      barcode: v.barcode,
      priceMinor,
      taxRateBp,
      unit: v.unit,
      reorderPoint: wholeNumberOf(v.reorderPoint),
      policy: v.policy,
      category: v.category.trim(),
      supplierId: v.supplierId ?? '',
      supplierSku: v.supplierSku.trim(),
      ...(v.cost.trim() ? { costMinor: parseMoney(v.cost, props.currency) ?? 0 } : {}),
      byWeight: v.byWeight,
    }
    unusual.check(
      priceMinor,
      `Sell ${v.name || 'this product'} for ${v.price} ${props.currency}?`,
      'Save this price',
      () => {
        void upsert.run(input).then((saved) => saved && done())
      },
    )
  }
  const setArchived = async (archived: boolean) => {
    if (!props.product) return
    const ok = await archive.run(
      { id: props.product.id, archived },
      `${props.product.name} ${archived ? 'archived' : 'restored'}`,
    )
    if (ok) done()
  }

  const readOnly = !props.canEdit
  const error = upsert.error ?? archive.error
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="right"
      size="md"
      title={<Text fw={700}>{props.product ? props.product.name : 'New product'}</Text>}
    >
      <form onSubmit={form.onSubmit(save)}>
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            readOnly={readOnly}
            {...form.getInputProps('name')}
            data-autofocus
          />
          <SimpleGrid cols={2}>
            <TextInput label="SKU" required readOnly={readOnly} {...form.getInputProps('sku')} />
            <TextInput label="Barcode" readOnly={readOnly} {...form.getInputProps('barcode')} />
            <TextInput
              label={`Price${form.values.byWeight ? ' per kg' : ''} (${props.currency}, before tax)`}
              required
              inputMode="decimal"
              readOnly={readOnly}
              {...form.getInputProps('price')}
            />
            <TextInput
              label="Tax rate (%)"
              inputMode="decimal"
              readOnly={readOnly}
              {...form.getInputProps('tax')}
            />
            <TextInput label="Unit" readOnly={readOnly} {...form.getInputProps('unit')} />
            <FormWholeNumber
              form={form}
              name="reorderPoint"
              label="Reorder point"
              rule={reorderRule}
              w="100%"
            />
          </SimpleGrid>
          <Checkbox
            label="Sold by weight"
            description="From a scale: stock and sales in grams, the price per kilogram. Scale labels (21… weight, 23… price) find it by its barcode with the weight or price digits zero."
            readOnly={readOnly}
            disabled={readOnly}
            {...form.getInputProps('byWeight', { type: 'checkbox' })}
          />
          <Select
            label="Stock policy"
            description="Pool: one chain-wide quantity, rebalanced automatically. Local: each store's shelf, moved only by transfers."
            readOnly={readOnly}
            allowDeselect={false}
            {...form.getInputProps('policy')}
            data={[
              { value: 'pool', label: 'Pool (chain-wide)' },
              { value: 'local', label: 'Local (per store)' },
            ]}
          />
          <ProductPurchasingFields form={form} readOnly={readOnly} />
          {error ? (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          ) : null}
          <ProductFormFooter
            product={props.product}
            canEdit={props.canEdit}
            pending={upsert.pending || archive.pending}
            onArchive={(archived) => void setArchived(archived)}
            {...(props.onOpenStock ? { onOpenStock: props.onOpenStock } : {})}
          />
        </Stack>
      </form>
      {unusual.modal}
    </Drawer>
  )
}
