import { Text } from '@mantine/core'
import type { LowStockRow } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText, toCsv } from '../format/csv.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { localDay } from './report-period.ts'
import { ReportCard } from './ReportCard.tsx'

const columns: Column<LowStockRow>[] = [
  { header: 'Product', cell: (r) => r.product.name },
  {
    header: 'Chain',
    numeric: true,
    cell: (r) => (
      <Text span size="sm" c={r.value === 0 ? 'red.8' : undefined}>
        {r.value}
      </Text>
    ),
  },
  { header: 'Here', numeric: true, cell: (r) => r.here },
  { header: 'Reorder at', numeric: true, cell: (r) => r.reorderPoint },
  {
    header: 'Order',
    numeric: true,
    cell: (r) => (
      <Text span size="sm" fw={700} c="teal.9">
        +{r.suggestedOrder}
      </Text>
    ),
  },
]

/** Products below their reorder point, with how many to order. */
export function LowStockCard() {
  const low = useStoreQuery('reports.lowStock', {}, { refreshOn: ['stock.changed'] })
  const exportLow = () =>
    downloadText(
      `allot-low-stock-${localDay(new Date())}.csv`,
      toCsv(
        ['sku', 'product', 'chain', 'here', 'reorder_point', 'suggested_order'],
        (low.data?.rows ?? []).map((r) => [
          r.product.sku,
          r.product.name,
          r.value,
          r.here,
          r.reorderPoint,
          r.suggestedOrder,
        ]),
      ),
    )
  return (
    <ReportCard title="Low stock — reorder suggestions" csvTestId="csv-low" onCsv={exportLow}>
      <DataTable
        columns={columns}
        rows={low.data?.rows}
        rowKey={(r) => r.product.id}
        error={low.error}
        testId="low-stock"
        empty="Nothing is below its reorder point."
      />
    </ReportCard>
  )
}
