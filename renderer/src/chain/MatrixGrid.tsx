import { Box, Skeleton, Text } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { StockMatrix, StockMatrixRow } from '../../../shared/api/views.ts'

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
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { onRange } = props
  useEffect(() => onRange(first, last), [onRange, first, last])
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
      {/* Focusable, so the grid scrolls with the keyboard too (arrow keys, Page Down). */}
      <div
        ref={scrollRef}
        role="rowgroup"
        tabIndex={0}
        aria-label="Products"
        style={{ height: 'calc(100vh - 330px)', overflow: 'auto' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = props.rowAt(item.index)
            const cells = row
              ? [`${row.product.name} · ${row.product.sku}`, ...row.perStore, row.total, row.reserved]
              : undefined
            return (
              <Box
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                px="md"
                style={{
                  ...grid,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
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
        </div>
      </div>
    </Box>
  )
}
