import { useForm } from '@mantine/form'
import type { ProductView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { StockChangeForm } from './StockChangeForm.tsx'
import { formatKg } from '../../../../shared/api/weight.ts'
import { qtyRule, stockChanges } from './stock-rules.ts'

/** Goods received at this store: this store may sell them at once. */
export function RestockForm({ product }: { product: ProductView }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { qty: '1', note: '' },
    validate: { qty: rules.wholeNumber(qtyRule), note: rules.maxChars(500) },
    validateInputOnChange: true,
  })
  const restock = useStoreAction('stock.restock', {
    invalidates: stockChanges,
    setFieldErrors: form.setErrors,
  })
  return (
    <StockChangeForm
      form={form}
      intro="Goods received at this store. This store may sell them at once."
      field={{
        name: 'qty',
        label: product.byWeight ? 'Grams received' : 'Units received',
        rule: qtyRule,
        testId: 'stock-qty',
      }}
      submit={{ label: 'Restock', pending: restock.pending, testId: 'do-restock' }}
      change={(values) => {
        const qty = wholeNumberOf(values.qty)
        const note = values.note.trim()
        // by weight the grams are asked about by the kilogram
        const amount = product.byWeight ? Math.floor(qty / 1000) : qty
        const what = product.byWeight ? formatKg(qty) : `${qty.toLocaleString()} units`
        return {
          amount,
          question: `Restock ${what} of ${product.name}?`,
          confirmLabel: `Restock ${qty}`,
          send: () =>
            restock.run(
              { productId: product.id, qty, ...(note ? { note } : {}) },
              `Restocked ${qty} × ${product.name}`,
            ),
        }
      }}
    />
  )
}
