import { Badge, Box, Group, Skeleton, Text } from '@mantine/core'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { formatMoney } from '../format/money.ts'
import { useVirtualRows, virtualRowStyle } from '../ui/use-virtual-rows.ts'
import { VirtualBody } from '../ui/VirtualBody.tsx'

const rowHeight = 44
const columns = 'minmax(220px, 3fr) 140px 150px 110px 80px 150px 90px'

/**
 * The catalog as a virtualized grid: only the rows on screen exist in the DOM, whatever the count.
 * Rows come from `rowAt`, which may still be loading (a skeleton is shown meanwhile).
 */
export function ProductTable(props: {
  count: number
  rowAt: (index: number) => ProductWithStock | undefined
  onRange: (start: number, end: number) => void
  onOpen: (product: ProductWithStock) => void
  currency: string
}) {
  const { body, items } = useVirtualRows(props.count, rowHeight, props.onRange)

  return (
    <Box
      role="table"
      aria-rowcount={props.count}
      data-testid="catalog-table"
      style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
    >
      <Box
        role="row"
        px="md"
        py={10}
        style={{
          display: 'grid',
          gridTemplateColumns: columns,
          gap: 12,
          borderBottom: '1px solid var(--mantine-color-gray-3)',
          background: 'var(--mantine-color-gray-0)',
        }}
      >
        {['Product', 'SKU', 'Barcode', 'Price', 'Tax', 'Stock here / chain', 'Policy'].map((h) => (
          <Text key={h} role="columnheader" size="xs" fw={700} tt="uppercase" c="dimmed">
            {h}
          </Text>
        ))}
      </Box>
      <VirtualBody body={body} label="Products" style={{ flex: 1, overflow: 'auto', minHeight: 0 }}>
        {items.map((item) => {
          const product = props.rowAt(item.index)
          return (
            <Box
              key={item.key}
              role="row"
              aria-rowindex={item.index + 1}
              data-testid={product ? 'product-row' : 'product-row-loading'}
              data-sku={product?.sku}
              px="md"
              onClick={product ? () => props.onOpen(product) : undefined}
              className="catalog-row"
              style={{
                ...virtualRowStyle(item.start, rowHeight),
                display: 'grid',
                gridTemplateColumns: columns,
                gap: 12,
                alignItems: 'center',
                borderBottom: '1px solid var(--mantine-color-gray-2)',
                cursor: product ? 'pointer' : undefined,
                opacity: product?.archived ? 0.55 : 1,
              }}
            >
              {product ? <ProductCells product={product} currency={props.currency} /> : <LoadingCells />}
            </Box>
          )
        })}
      </VirtualBody>
    </Box>
  )
}

function ProductCells({ product, currency }: { product: ProductWithStock; currency: string }) {
  const low = product.reorderPoint > 0 && product.chain <= product.reorderPoint
  return (
    <>
      <Group gap={6} wrap="nowrap" role="cell" style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate>
          {product.name}
        </Text>
        {product.archived ? (
          <Badge size="xs" color="gray">
            archived
          </Badge>
        ) : null}
      </Group>
      <Text role="cell" size="sm" ff="monospace" truncate>
        {product.sku}
      </Text>
      <Text role="cell" size="sm" ff="monospace" c="dimmed" truncate>
        {product.barcode || '—'}
      </Text>
      <Text role="cell" size="sm" className="num">
        {formatMoney(product.priceMinor, currency)}
      </Text>
      <Text role="cell" size="sm" c="dimmed" className="num">
        {product.taxRateBp / 100}%
      </Text>
      <Group role="cell" gap={6} wrap="nowrap">
        <Badge variant="light" color={product.here > 0 ? 'teal' : 'red'} className="num">
          {product.here} / {product.chain}
        </Badge>
        {low ? (
          <Text size="xs" fw={700} c="red.9">
            low
          </Text>
        ) : null}
      </Group>
      <Text role="cell" size="xs" c="dimmed" tt="uppercase">
        {product.policy}
      </Text>
    </>
  )
}

function LoadingCells() {
  return (
    <>
      <Skeleton h={12} w="70%" />
      <Skeleton h={12} w="80%" />
      <Skeleton h={12} w="80%" />
      <Skeleton h={12} w="60%" />
      <Skeleton h={12} w="50%" />
      <Skeleton h={12} w="60%" />
      <Skeleton h={12} w="50%" />
    </>
  )
}
