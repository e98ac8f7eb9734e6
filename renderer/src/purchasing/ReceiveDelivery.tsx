import { Stack, Table, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { PurchaseOrderView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { SaveFooter } from '../ui/SaveFooter.tsx'
import { ScanField } from '../ui/ScanField.tsx'

type Counts = Record<string, { good: number; damaged: string }>

/**
 * A delivery at the back door, by scanning: each scan adds one unit to its order line (a product
 * not on the order is said so); damaged units typed per line. Recording restocks the good units at
 * their cost in one step; a partial delivery leaves the order open for the rest.
 */
export function ReceiveDelivery({ po }: { po: PurchaseOrderView }) {
  const [counts, setCounts] = useState<Counts>({})
  const receive = useStoreAction('purchasing.receive', {
    invalidates: ['purchasing.get', 'purchasing.list', 'stock.get', 'stock.list', 'catalog.list'],
    success: (p) => `Delivery recorded: ${p.state.replace('-', ' ')}`,
  })
  const bump = (productId: string) =>
    setCounts((c) => ({
      ...c,
      [productId]: { good: (c[productId]?.good ?? 0) + 1, damaged: c[productId]?.damaged ?? '' },
    }))
  const lines = po.lines
    .map((l) => ({
      productId: l.productId,
      qty: counts[l.productId]?.good ?? 0,
      damaged: Number(counts[l.productId]?.damaged || 0),
    }))
    .filter((l) => l.qty > 0 || l.damaged > 0)
  const record = async () => {
    if (await receive.run({ poId: po.id, lines })) setCounts({})
  }
  return (
    <Stack gap="sm">
      <ScanField
        label="Scan each unit delivered"
        lines={po.lines}
        onFound={bump}
        notFound={(code) => `${code} is not on this order`}
        testId="receive-scan"
      />
      <Table data-testid="receive-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Ordered</Table.Th>
            <Table.Th ta="right">Received before</Table.Th>
            <Table.Th ta="right">This delivery</Table.Th>
            <Table.Th>Damaged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {po.lines.map((l) => (
            <Table.Tr key={l.productId} data-testid="receive-line">
              <Table.Td>{l.name}</Table.Td>
              <Table.Td ta="right">{l.qty}</Table.Td>
              <Table.Td ta="right">{l.received}</Table.Td>
              <Table.Td ta="right" data-testid="receive-now">
                {counts[l.productId]?.good ?? 0}
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  w={70}
                  inputMode="numeric"
                  aria-label={`Damaged ${l.name}`}
                  value={counts[l.productId]?.damaged ?? ''}
                  error={/^\d*$/.test(counts[l.productId]?.damaged ?? '') ? undefined : 'A whole number'}
                  onChange={(e) => {
                    const damaged = e.currentTarget.value
                    setCounts((c) => ({ ...c, [l.productId]: { good: c[l.productId]?.good ?? 0, damaged } }))
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SaveFooter
        label="Record this delivery"
        pending={receive.pending}
        onClick={() => void record()}
        disabled={lines.length === 0}
        testId="receive-record"
      />
    </Stack>
  )
}
