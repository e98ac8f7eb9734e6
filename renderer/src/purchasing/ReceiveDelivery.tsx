import { Button, Group, Stack, Table, TextInput } from '@mantine/core'
import { useState, type KeyboardEvent } from 'react'
import type { PurchaseOrderView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { useStoreAction } from '../api/use-store-action.ts'

type Counts = Record<string, { good: number; damaged: string }>

/**
 * A delivery at the back door, by scanning: each scan adds one unit to its order line (a product
 * not on the order is said so); damaged units typed per line. Recording restocks the good units at
 * their cost in one step; a partial delivery leaves the order open for the rest.
 */
export function ReceiveDelivery({ po }: { po: PurchaseOrderView }) {
  const api = useApi()
  const [counts, setCounts] = useState<Counts>({})
  const [scan, setScan] = useState('')
  const [problem, setProblem] = useState<string>()
  const receive = useStoreAction('purchasing.receive', {
    invalidates: ['purchasing.get', 'purchasing.list', 'stock.get', 'stock.list', 'catalog.list'],
    success: (p) => `Delivery recorded: ${p.state.replace('-', ' ')}`,
  })
  const bump = (productId: string) =>
    setCounts((c) => ({
      ...c,
      [productId]: { good: (c[productId]?.good ?? 0) + 1, damaged: c[productId]?.damaged ?? '' },
    }))
  const onScan = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    const code = scan.trim()
    setScan('')
    if (!code) return
    const line = po.lines.find((l) => l.sku.toLowerCase() === code.toLowerCase())
    const productId =
      line?.productId ??
      (await api['catalog.get']({ barcode: code }).then(
        (p) => p.id,
        () => undefined,
      ))
    if (productId && po.lines.some((l) => l.productId === productId)) {
      setProblem(undefined)
      bump(productId)
    } else setProblem(`${code} is not on this order`)
  }
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
      <TextInput
        label="Scan each unit delivered"
        value={scan}
        onChange={(e) => setScan(e.currentTarget.value)}
        onKeyDown={(e) => void onScan(e)}
        error={problem}
        data-testid="receive-scan"
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
      <Group justify="flex-end">
        <Button
          onClick={() => void record()}
          loading={receive.pending}
          disabled={lines.length === 0}
          data-testid="receive-record"
        >
          Record this delivery
        </Button>
      </Group>
    </Stack>
  )
}
