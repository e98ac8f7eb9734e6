import { Text } from '@mantine/core'
import { useState } from 'react'
import type { MovementRow, ProductWithStock } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText, toCsv } from '../format/csv.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { ReportCard } from './ReportCard.tsx'

const deltaColor = (d: number) => (d < 0 ? 'red.7' : d > 0 ? 'teal.8' : 'dimmed')
const columns: Column<MovementRow>[] = [
  { header: 'When', cell: (m) => formatDateTime(m.at) },
  { header: 'Store', cell: (m) => m.storeName },
  { header: 'What', cell: (m) => m.type },
  {
    header: 'Change',
    numeric: true,
    cell: (m) => (
      <Text span size="sm" c={deltaColor(m.delta)}>
        {m.delta > 0 ? `+${m.delta}` : m.delta}
      </Text>
    ),
  },
  { header: 'Reason', cell: (m) => m.reason },
  { header: 'By', cell: (m) => m.by },
]

/** Every restock, sale, transfer, hold and adjustment of one product, with its reason. */
export function MovementsCard() {
  const [product, setProduct] = useState<ProductWithStock>()
  const movements = useStoreQuery(
    'reports.movements',
    { productId: product?.id ?? '', limit: 500 },
    { enabled: product !== undefined, refreshOn: ['stock.changed'] },
  )
  const exportMoves = () =>
    product &&
    downloadText(
      `allot-movements-${product.sku}.csv`,
      toCsv(
        ['time', 'store', 'type', 'delta', 'reason', 'by', 'event'],
        (movements.data?.rows ?? []).map((m) => [
          m.at,
          m.storeName,
          m.type,
          m.delta,
          m.reason,
          m.by,
          `${m.replicaId.slice(0, 8)}#${m.seq}`,
        ]),
      ),
    )
  return (
    <ReportCard
      title="Movements of a product"
      csvTestId="csv-moves"
      {...(product ? { onCsv: exportMoves } : {})}
    >
      <ProductPicker label="Product" value={product} onChange={setProduct} testId="moves-product" />
      {product ? (
        <DataTable
          columns={columns}
          rows={movements.data?.rows}
          rowKey={(m) => `${m.eventId}-${m.type}`}
          error={movements.error}
          testId="movements-table"
          empty="No movements yet."
        />
      ) : (
        <Text c="dimmed" size="sm" mt="sm">
          Pick a product to see every restock, sale, transfer, hold and adjustment with its reason.
        </Text>
      )}
    </ReportCard>
  )
}
