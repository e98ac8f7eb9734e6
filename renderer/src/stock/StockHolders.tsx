import { BarChart } from '@mantine/charts'
import { Badge, Paper, Table, Text } from '@mantine/core'
import type { StockView } from '../../../shared/api/views.ts'
import { useSession } from '../app/session-context.tsx'

/** Which stores may sell how many units of a product: a chart and a table. */
export function StockHolders({ stock }: { stock: StockView }) {
  const { session } = useSession()
  const chartData = stock.holders.map((h) => ({
    store: h.replicaId === session.replicaId ? `${h.storeName} (here)` : h.storeName,
    rights: h.rights,
  }))
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Rights per store
      </Text>
      {stock.holders.length > 0 ? (
        <>
          <BarChart
            h={Math.max(90, 44 * chartData.length)}
            data={chartData}
            dataKey="store"
            orientation="vertical"
            yAxisProps={{ width: 150 }}
            series={[{ name: 'rights', label: 'Units it may sell', color: 'teal.6' }]}
            gridAxis="none"
            withTooltip={false}
            barProps={{ radius: 4 }}
          />
          <Table mt="sm" verticalSpacing={6} data-testid="holders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Store</Table.Th>
                <Table.Th>Till</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Rights</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stock.holders.map((h) => (
                <Table.Tr key={h.replicaId}>
                  <Table.Td>
                    {h.storeName}{' '}
                    {h.replicaId === session.replicaId ? (
                      <Badge size="xs" variant="light">
                        here
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td ff="monospace" c="dimmed">
                    {h.replicaId.slice(0, 8)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={h.status === 'active' ? undefined : 'orange.8'}>
                      {h.status}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="num" fw={600}>
                    {h.rights}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : (
        <Text c="dimmed" size="sm">
          No store holds any yet. Restock to add units.
        </Text>
      )}
    </Paper>
  )
}
