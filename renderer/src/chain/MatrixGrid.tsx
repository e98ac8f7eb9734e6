import { Box, Skeleton, Text } from '@mantine/core'
import type { StockMatrix, StockMatrixRow } from '../../../shared/api/views.ts'
import { useVirtualRows, virtualRowStyle } from '../ui/use-virtual-rows.ts'
import { formatQty } from '../../../shared/api/weight.ts'
import { VirtualBody } from '../ui/VirtualBody.tsx'

const rowHeight = 40

/**
 * The product × store matrix as a virtualized grid: only the rows on screen exist in the DOM (a
 * page of rows is fetched as it scrolls into view), so 100,000 products × 50 stores stay fluid.
 */
export function MatrixGrid(props: {
  stores: StockMatrix['stores']
  count: number
  rowAt: (index: number) => StockMatrixRow | undefined
  onRange: (start: number, end: number) => void
}) {
  const { body, items } = useVirtualRows(props.count, rowHeight, props.onRange)
  const columns = `minmax(220px, 3fr) repeat(${props.stores.length + 2}, minmax(90px, 1fr))`
  const grid = { display: 'grid', gridTemplateColumns: columns, gap: 8, alignItems: 'center' } as const
  const headers = ['Product', ...props.stores.map((s) => s.name), 'Chain', 'Held']
  return (
    <Box role="table" aria-rowcount={props.count} data-testid="stock-matrix" style={{ overflowX: 'auto' }}>
      <Box
        role="row"
        px="md"
        py={10}
        style={{ ...grid, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        {headers.map((h, i) => (
          <Text
            key={i}
            role="columnheader"
            size="xs"
            fw={700}
            tt="uppercase"
            c="dimmed"
            ta={i ? 'right' : undefined}
          >
            {h}
          </Text>
        ))}
      </Box>
      <VirtualBody body={body} label="Products" style={{ height: 'calc(100vh - 330px)', overflow: 'auto' }}>
        {items.map((item) => {
          const row = props.rowAt(item.index)
          // a product sold by weight shows kilograms
          const qty = (n: number) => (row ? formatQty(n, row.product.byWeight) : '')
          const cells = row
            ? [
                `${row.product.name} · ${row.product.sku}`,
                ...row.perStore.map(qty),
                qty(row.total),
                qty(row.reserved),
              ]
            : undefined
          return (
            <Box
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              px="md"
              style={{
                ...grid,
                ...virtualRowStyle(item.start, rowHeight),
                borderBottom: '1px solid var(--mantine-color-gray-2)',
              }}
            >
              {cells
                ? cells.map((c, i) => (
                    <Text
                      key={i}
                      role="cell"
                      size="sm"
                      ta={i ? 'right' : undefined}
                      className={i ? 'num' : undefined}
                      truncate
                    >
                      {c}
                    </Text>
                  ))
                : headers.map((_h, i) => <Skeleton key={i} role="cell" h={12} />)}
            </Box>
          )
        })}
      </VirtualBody>
    </Box>
  )
}
