import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useState } from 'react'
import type { ShiftReportView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useInvalidate, useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney, parseMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { attempt } from '../ui/attempt.ts'

const newKey = () => `ui-${crypto.randomUUID()}`
const tenderNames: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
  'gift-card': 'Gift cards',
  'store-credit': 'Store credit',
}

/** The till's drawer: open with a float, pay in and out, X report, count and close (Z report). */
export function ShiftScreen() {
  const current = useStoreQuery('shifts.current', {}, { refreshOn: ['sale.recorded'] })
  const [closed, setClosed] = useState<ShiftReportView>()
  const shift = current.data?.shift ?? null
  return (
    <Stack gap="md">
      <PageHeader
        title="Shift & drawer"
        subtitle="Open the drawer with a float, record cash in and out, and count it at the end of the shift."
      />
      {current.error ? <Alert color="red">{current.error}</Alert> : null}
      {closed ? <ShiftReport report={closed} title="Z report: shift closed" /> : null}
      {current.data && !shift ? <OpenShift onOpened={() => setClosed(undefined)} /> : null}
      {shift ? (
        <>
          <ShiftReport report={shift} title="X report: the shift so far" />
          <CashMoves />
          <CloseShift onClosed={setClosed} />
        </>
      ) : null}
    </Stack>
  )
}

function MoneyField(props: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  const { currency } = useSession()
  const bad = props.value.trim() !== '' && parseMoney(props.value, currency) === undefined
  return (
    <TextInput
      label={props.label}
      value={props.value}
      inputMode="decimal"
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={bad ? 'Type an amount such as 100.00' : undefined}
      w={180}
      data-testid={props.testId}
    />
  )
}

function OpenShift({ onOpened }: { onOpened: () => void }) {
  const api = useApi()
  const { currency } = useSession()
  const invalidate = useInvalidate()
  const [float, setFloat] = useState('')
  const [key] = useState(newKey)
  const amount = parseMoney(float, currency)
  const open = () =>
    attempt(
      'Shift opened',
      () => api['shifts.open']({ idempotencyKey: key, floatMinor: amount ?? 0 }),
      () => {
        onOpened()
        invalidate('shifts.current')
      },
    )
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        No shift is open on this till
      </Text>
      <Group align="flex-end">
        <MoneyField label="Float in the drawer" value={float} onChange={setFloat} testId="shift-float" />
        <Button onClick={() => void open()} disabled={amount === undefined} data-testid="shift-open">
          Open shift
        </Button>
      </Group>
    </Paper>
  )
}

function CashMoves() {
  const api = useApi()
  const { currency } = useSession()
  const invalidate = useInvalidate()
  const [kind, setKind] = useState<'pay-in' | 'pay-out' | 'no-sale'>('pay-out')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const value = kind === 'no-sale' ? 0 : parseMoney(amount, currency)
  const ready = value !== undefined && (kind === 'no-sale' || value > 0) && reason.trim() !== ''
  const record = async () => {
    const ok = await attempt(
      kind === 'no-sale'
        ? 'Drawer opened (no sale) recorded'
        : `${kind === 'pay-in' ? 'Pay-in' : 'Pay-out'} recorded`,
      () =>
        api['shifts.moveCash']({
          idempotencyKey: newKey(),
          kind,
          amountMinor: value ?? 0,
          reason: reason.trim(),
        }),
      () => invalidate('shifts.current'),
    )
    if (ok) {
      setAmount('')
      setReason('')
    }
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Cash in and out
      </Text>
      <Group align="flex-end">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          data={[
            { value: 'pay-out', label: 'Pay-out' },
            { value: 'pay-in', label: 'Pay-in' },
            { value: 'no-sale', label: 'No sale' },
          ]}
          aria-label="What happens to the drawer"
        />
        {kind !== 'no-sale' ? (
          <MoneyField label="Amount" value={amount} onChange={setAmount} testId="cash-amount" />
        ) : null}
        <TextInput
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={64}
          data-testid="cash-reason"
        />
        <Button onClick={() => void record()} disabled={!ready} data-testid="cash-record">
          Record
        </Button>
      </Group>
    </Paper>
  )
}

function CloseShift({ onClosed }: { onClosed: (z: ShiftReportView) => void }) {
  const api = useApi()
  const { currency } = useSession()
  const invalidate = useInvalidate()
  const [counted, setCounted] = useState('')
  const [manager, setManager] = useState('')
  const [pin, setPin] = useState('')
  const [needsApproval, setNeedsApproval] = useState<string>()
  const [error, setError] = useState<string>()
  const [key] = useState(newKey)
  const value = parseMoney(counted, currency)
  const close = async () => {
    if (value === undefined) return
    setError(undefined)
    try {
      const z = await api['shifts.close']({
        idempotencyKey: key,
        countedMinor: value,
        ...(needsApproval ? { approval: { username: manager.trim(), pin } } : {}),
      })
      onClosed(z)
      invalidate('shifts.current')
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code === 'APPROVAL_REQUIRED') setNeedsApproval(describeError(e))
      else setError(describeError(e))
    }
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Count the drawer and close
      </Text>
      <Stack>
        <Group align="flex-end">
          <MoneyField label="Cash counted" value={counted} onChange={setCounted} testId="shift-counted" />
          {needsApproval ? (
            <>
              <TextInput
                label="Manager"
                value={manager}
                onChange={(e) => setManager(e.currentTarget.value)}
                data-testid="approval-user"
              />
              <TextInput
                label="Manager PIN"
                type="password"
                inputMode="numeric"
                value={pin}
                onChange={(e) => setPin(e.currentTarget.value)}
                data-testid="approval-pin"
              />
            </>
          ) : null}
          <Button
            onClick={() => void close()}
            disabled={value === undefined}
            color="red.8"
            data-testid="shift-close"
          >
            Close shift
          </Button>
        </Group>
        {needsApproval ? (
          <Alert color="orange" data-testid="approval-needed">
            {needsApproval}
          </Alert>
        ) : null}
        {error ? <Alert color="red">{error}</Alert> : null}
      </Stack>
    </Paper>
  )
}

/** X (open) or Z (closed) report, printable. */
function ShiftReport({ report, title }: { report: ShiftReportView; title: string }) {
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
