import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { tillOptions } from './till-options.ts'

// Exactly what was typed; the store holds at most `here`, and the API takes up to 1,000,000.
const qtyRule = { min: 1, max: 1_000_000, unit: 'units' }

/** Moves stock rights (or, for local stock, ships goods) to another store's till. */
export function TransferPanel() {
  const api = useApi()
  const stores = useStoreQuery('stores.list', {})
  const [product, setProduct] = useState<ProductWithStock>()
  const form = useForm({
    mode: 'controlled',
    initialValues: { to: null as string | null, qty: '1', note: '' },
    validate: { qty: rules.wholeNumber(qtyRule), note: rules.maxChars(500) },
    validateInputOnChange: true,
  })
  const transfer = useStoreAction('stock.transfer', { invalidates: ['requests.list', 'shipments.list'] })
  const options = tillOptions(stores.data, { activeOnly: true, excludeThis: true })
  const { to, qty: qtyText, note } = form.values
  const qtyError = rules.wholeNumber(qtyRule)(qtyText)
  const qty = qtyError ? 0 : wholeNumberOf(qtyText)
  /** Why the transfer cannot be sent yet, in words; undefined when it can. */
  const blocker = !product
    ? 'Pick a product.'
    : !to
      ? 'Pick the store to send to.'
      : qtyError
        ? `Quantity: ${qtyError}.`
        : qty > product.here
          ? `Only ${product.here.toLocaleString()} here: this store can send at most that.`
          : undefined
  const submit = async () => {
    if (blocker || !product || !to) return
    const dest = options.find((o) => o.value === to)?.label ?? to
    const done = await transfer.run(
      { productId: product.id, toReplicaId: to, qty, ...(note ? { note } : {}) },
      `${product.policy === 'local' ? 'Shipment sent' : 'Rights moved'}: ${qty} × ${product.name} to ${dest}`,
    )
    if (done) {
      form.setFieldValue('note', '')
      setProduct(await api['catalog.get']({ id: product.id }))
    }
  }
  return (
    <Paper withBorder p="lg" maw={760}>
      <form onSubmit={form.onSubmit(() => void submit())}>
        <Stack>
          <Text fw={700}>Transfer stock rights to another store</Text>
          <Text size="sm" c="dimmed">
            Rights are what a store may sell. Moving them never changes the chain's total.
          </Text>
          {stores.error ? <Alert color="red">{stores.error}</Alert> : null}
          <Group align="flex-end">
            <ProductPicker label="Product" value={product} onChange={setProduct} testId="transfer-product" />
            <Select
              label="To store"
              placeholder="Choose a store"
              data={options}
              {...form.getInputProps('to')}
              w={300}
              data-testid="transfer-to"
            />
          </Group>
          {product ? <ProductFigures product={product} /> : null}
          <Group align="flex-end">
            <FormWholeNumber
              form={form}
              name="qty"
              label="Quantity"
              rule={qtyRule}
              w={140}
              testId="transfer-qty"
            />
            <TextInput label="Note (optional)" {...form.getInputProps('note')} style={{ flex: 1 }} />
          </Group>
          <Group>
            <Button
              type="submit"
              loading={transfer.pending}
              disabled={blocker !== undefined}
              data-testid="transfer-submit"
              {...(blocker ? { 'aria-describedby': 'transfer-blocker' } : {})}
            >
              {product?.policy === 'local' ? 'Send shipment' : 'Transfer rights'}
            </Button>
            {blocker ? (
              <Text c="red.8" size="sm" id="transfer-blocker" data-testid="transfer-blocker">
                {blocker}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

function ProductFigures({ product }: { product: ProductWithStock }) {
  return (
    <>
      <Group gap="lg">
        <Text size="sm">
          Here: <b className="num">{product.here}</b>
        </Text>
        <Text size="sm">
          Chain: <b className="num">{product.chain}</b>
        </Text>
        <Badge variant="light" color={product.policy === 'local' ? 'orange' : 'teal'}>
          {product.policy === 'local' ? 'local stock' : 'chain pool'}
        </Badge>
      </Group>
      {product.policy === 'local' ? (
        <Alert color="orange" title="This is a shipment">
          {product.name} is kept as local shelf stock. Send the goods with this transfer; the receiving store
          confirms what arrived (and records damaged or lost units) under Shipments.
        </Alert>
      ) : null}
    </>
  )
}
