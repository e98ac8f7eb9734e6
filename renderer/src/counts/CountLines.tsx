import { Badge, Text, TextInput } from '@mantine/core'
import { useState, type KeyboardEvent, type RefObject } from 'react'
import type { CountLineView, CountView } from '../../../shared/api/views.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'

/**
 * A count's lines: the counted field of each (Enter records it), the expected figure unless the
 * count is blind, and counted − expected at the moment of counting.
 */
export function CountLines(props: {
  count: CountView
  currency: string
  inputs: RefObject<Map<string, HTMLInputElement>>
  onRecord: (productId: string, qty: number) => void
}) {
  const [typed, setTyped] = useState<Record<string, string>>({})
  const record = (line: CountLineView) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    const text = (typed[line.productId] ?? '').trim()
    if (/^\d{1,7}$/.test(text)) props.onRecord(line.productId, Number(text))
  }
  const columns: Column<CountLineView>[] = [
    {
      header: 'Product',
      cell: (l) => (
        <>
          <Text size="sm">{l.name}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {l.sku}
          </Text>
        </>
      ),
    },
    { header: 'Expected', numeric: true, cell: (l) => (props.count.blind ? '—' : (l.expectedQty ?? '—')) },
    {
      header: 'Counted',
      cell: (l) =>
        props.count.posted ? (
          (l.countedQty ?? '—')
        ) : (
          <TextInput
            size="xs"
            w={90}
            inputMode="numeric"
            aria-label={`Counted ${l.name}`}
            placeholder={l.countedQty === null ? '' : String(l.countedQty)}
            value={typed[l.productId] ?? ''}
            onChange={(e) => {
              const text = e.currentTarget.value
              setTyped((t) => ({ ...t, [l.productId]: text }))
            }}
            onKeyDown={record(l)}
            ref={(el) => {
              if (el) props.inputs.current.set(l.productId, el)
              else props.inputs.current.delete(l.productId)
            }}
            data-testid="count-qty"
          />
        ),
    },
    {
      header: 'Variance',
      numeric: true,
      cell: (l) =>
        l.varianceQty === null ? (
          l.countedQty === null ? (
            <Badge variant="light" color="gray">
              not counted
            </Badge>
          ) : (
            '—'
          )
        ) : (
          <Text
            span
            size="sm"
            fw={600}
            c={l.varianceQty === 0 ? 'teal.8' : 'red.8'}
            data-testid="count-variance"
          >
            {l.varianceQty > 0 ? `+${l.varianceQty}` : l.varianceQty}
            {l.varianceCostMinor ? (
              <Text span size="xs" c="dimmed" data-testid="count-variance-cost">
                {' '}
                ({formatMoney(l.varianceCostMinor, props.currency)} at cost)
              </Text>
            ) : null}
          </Text>
        ),
    },
  ]
  return (
    <DataTable
      columns={columns}
      rows={props.count.lines}
      rowKey={(l) => l.productId}
      rowTestId="count-line"
      testId="count-lines"
      empty="Nothing to count in this scope."
    />
  )
}
