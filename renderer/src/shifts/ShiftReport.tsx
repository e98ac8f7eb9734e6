import type { ReactNode } from 'react'
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
            <FigureRow label="Sales" testId="shift-sales">
              {money(report.sales.totalMinor)}
            </FigureRow>
            <FigureRow label="Float">{money(report.floatMinor)}</FigureRow>
            <FigureRow label="Refunds">{money(report.refunds.totalMinor)}</FigureRow>
            <FigureRow label="Discounts given">{money(report.discounts?.amountMinor ?? 0)}</FigureRow>
            <FigureRow label="Pay-ins / pay-outs">
              {money(report.payIns.amountMinor)} / {money(report.payOuts.amountMinor)}
            </FigureRow>
            <FigureRow label="Expected cash" testId="shift-expected">
              {report.expectedCashMinor === null ? 'hidden (blind count)' : money(report.expectedCashMinor)}
            </FigureRow>
            {report.close ? (
              <>
                <FigureRow label="Counted">{money(report.close.countedMinor)}</FigureRow>
                <FigureRow label="Over / short" testId="shift-over-short" strong>
                  {money(report.close.overShortMinor)}
                  {report.approvedByName ? ` (approved by ${report.approvedByName})` : ''}
                </FigureRow>
              </>
            ) : null}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Paper>
  )
}

/** One figure of the report: its name, and the amount right-aligned. */
function FigureRow(props: { label: string; children: ReactNode; testId?: string; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td>{props.label}</Table.Td>
      <Table.Td ta="right" className="num" fw={props.strong ? 700 : undefined} data-testid={props.testId}>
        {props.children}
      </Table.Td>
    </Table.Tr>
  )
}
