import { Button, Group, Paper, SimpleGrid, Table, Text } from '@mantine/core'
import type { ShiftReportView } from '../../../shared/api/views.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'

const tenderNames: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
  'gift-card': 'Gift cards',
  'store-credit': 'Store credit',
}

/** X (open) or Z (closed) report, printable. */
export function ShiftReport({ report, title }: { report: ShiftReportView; title: string }) {
  const { currency } = useSession()
  const money = (m: number) => formatMoney(m, currency)
  const tenders = (byTender: ShiftReportView['salesByTender']) =>
    Object.entries(byTender).map(([t, v]) => (
      <Table.Tr key={t}>
        <Table.Td>{tenderNames[t] ?? t}</Table.Td>
        <Table.Td ta="right" className="num">
          {v?.count ?? 0}
        </Table.Td>
        <Table.Td ta="right" className="num">
          {money(v?.amountMinor ?? 0)}
        </Table.Td>
      </Table.Tr>
    ))
  return (
    <Paper withBorder p="lg" data-testid="shift-report">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>{title}</Text>
        <Button variant="default" size="xs" onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {report.storeName} · opened {formatDateTime(report.openedAt)} by {report.openedByName}
        {report.close
          ? ` · closed ${formatDateTime(report.close.closedAt)} by ${report.closedByName ?? ''}`
          : ''}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sales by tender</Table.Th>
              <Table.Th ta="right">Count</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{tenders(report.salesByTender)}</Table.Tbody>
        </Table>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Float</Table.Td>
              <Table.Td ta="right" className="num">
                {money(report.floatMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Refunds</Table.Td>
              <Table.Td ta="right" className="num">
                {money(report.refunds.totalMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Pay-ins / pay-outs</Table.Td>
              <Table.Td ta="right" className="num">
                {money(report.payIns.amountMinor)} / {money(report.payOuts.amountMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Expected cash</Table.Td>
              <Table.Td ta="right" className="num" data-testid="shift-expected">
                {report.expectedCashMinor === null ? 'hidden (blind count)' : money(report.expectedCashMinor)}
              </Table.Td>
            </Table.Tr>
            {report.close ? (
              <>
                <Table.Tr>
                  <Table.Td>Counted</Table.Td>
                  <Table.Td ta="right" className="num">
                    {money(report.close.countedMinor)}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td>Over / short</Table.Td>
                  <Table.Td ta="right" className="num" fw={700} data-testid="shift-over-short">
                    {money(report.close.overShortMinor)}
                    {report.approvedByName ? ` (approved by ${report.approvedByName})` : ''}
                  </Table.Td>
                </Table.Tr>
              </>
            ) : null}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Paper>
  )
}
