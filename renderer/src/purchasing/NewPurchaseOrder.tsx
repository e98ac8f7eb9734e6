import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { PurchaseOrderView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'
import { ProductLinesPicker, type ProductLine } from '../ui/ProductLinesPicker.tsx'
import { SupplierSelect } from './SupplierSelect.tsx'

const qtyRule = { min: 1, max: 1_000_000, unit: 'units' }
const changes = ['purchasing.list', 'purchasing.suggest'] as const

/**
 * A new purchase order for this store: a supplier and lines typed in, or the reorder suggestions
 * for that supplier (below the reorder point, or running out before a delivery) as a draft.
 */
export function NewPurchaseOrder({
  onCreated,
  onClose,
}: {
  onCreated: (po: PurchaseOrderView) => void
  onClose: () => void
}) {
  const [supplierId, setSupplierId] = useState<string | null>(null)
  const [lines, setLines] = useState<ProductLine[]>([])
  const suggestions = useStoreQuery(
    'purchasing.suggest',
    { days: 28, ...(supplierId && { supplierId }) },
    { enabled: supplierId !== null },
  )
  const create = useStoreAction('purchasing.create', { invalidates: changes, showError: 'inline' })
  const draft = useStoreAction('purchasing.draftFromSuggestions', {
    invalidates: changes,
    showError: 'inline',
  })
  const done = (po: PurchaseOrderView | undefined) => po && onCreated(po)
  const suggested = suggestions.data?.items ?? []
  return (
    <Modal opened onClose={onClose} title="New purchase order" size="lg" centered>
      <Stack gap="sm">
        <SupplierSelect value={supplierId} onChange={setSupplierId} testId="po-supplier" />
        {supplierId ? (
          <Group justify="space-between">
            <Text size="sm" data-testid="po-suggestions">
              {suggested.length === 0
                ? 'Nothing of this supplier needs ordering now.'
                : `${suggested.length} products need ordering: ${suggested.map((s) => `${s.qty} × ${s.name}`).join(', ')}`}
            </Text>
            <Button
              variant="light"
              disabled={suggested.length === 0}
              loading={draft.pending}
              onClick={() => void draft.run({ supplierId, days: 28 }).then(done)}
              data-testid="po-draft-suggested"
            >
              Draft from suggestions
            </Button>
          </Group>
        ) : null}
        <ProductLinesPicker
          lines={lines}
          onChange={setLines}
          rule={qtyRule}
          testIds={{ product: 'po-product', add: 'po-add-line', line: 'po-line' }}
        />
        {(create.error ?? draft.error) ? <Alert color="red">{create.error ?? draft.error}</Alert> : null}
        <ModalFooter
          onCancel={onClose}
          confirmLabel="Create draft"
          pending={create.pending}
          disabled={!supplierId || lines.length === 0}
          onConfirm={() =>
            supplierId &&
            void create
              .run({ supplierId, lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })) })
              .then(done)
          }
          testId="po-create"
        />
      </Stack>
    </Modal>
  )
}
