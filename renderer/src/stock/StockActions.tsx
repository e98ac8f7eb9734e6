import { Button, Group, Paper, Select, Stack, Tabs, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { adjustReasons } from '../../../shared/api/methods/fields.ts'
import type { ProductView, StockView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { ConfirmModal } from '../ui/ConfirmModal.tsx'
import { readWholeNumber, type WholeNumberRule } from '../ui/whole-number.ts'
import { WholeNumberField } from '../ui/WholeNumberField.tsx'

type AdjustReason = (typeof adjustReasons)[number]

const reasonLabels: Record<AdjustReason, string> = {
  count: 'Stock count',
  damaged: 'Damaged',
  lost: 'Lost',
  found: 'Found',
  expired: 'Expired',
  correction: 'Correction',
  theft: 'Theft',
}

// The store accepts up to a million units in one step; more than this is asked to confirm first.
const unusualQty = 100
const qtyRule: WholeNumberRule = { min: 1, max: 1_000_000, unit: 'units' }
const deltaRule: WholeNumberRule = { min: -1_000_000, max: 1_000_000, unit: 'units', nonZero: true }

/** Restock, adjust (with a reason code), transfer rights to another store, or request them. */
export function StockActions(props: {
  product: ProductView
  stock: StockView
  isManager: boolean
  onDone: () => void
}) {
  const api = useApi()
  const { session } = useSession()
  const [qtyText, setQtyText] = useState('1')
  const [deltaText, setDeltaText] = useState('-1')
  const [unusual, setUnusual] = useState<{ question: string; confirm: string; go: () => void }>()
  const qtyRead = readWholeNumber(qtyText, qtyRule)
  const qty = qtyRead.ok ? qtyRead.value : 0
  const deltaRead = readWholeNumber(deltaText, deltaRule)
  const delta = deltaRead.ok ? deltaRead.value : 0
  const [reason, setReason] = useState<AdjustReason>('count')
  const [note, setNote] = useState('')
  const [target, setTarget] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // Stores this till knows for this product: current holders and stores that asked for it.
  const others = new Map<string, string>()
  for (const h of props.stock.holders)
    if (h.replicaId !== session.replicaId) others.set(h.replicaId, h.storeName)
  for (const r of props.stock.requests) if (r.from !== session.replicaId) others.set(r.from, r.fromStoreName)
  const storeOptions = [...others].map(([value, label]) => ({
    value,
    label: `${label} (${value.slice(0, 8)})`,
  }))
  const donors = props.stock.holders.filter((h) => h.replicaId !== session.replicaId && h.rights > 0)

  /** Runs at once, or after a confirmation when the amount is unusually large. */
  function runChecked(amount: number, question: string, what: string, action: () => Promise<unknown>) {
    if (Math.abs(amount) < unusualQty) return void run(what, action)
    setUnusual({
      question,
      confirm: what.replace(/^\w+/, (verb) => verb.replace(/ed$/, '')),
      go: () => {
        setUnusual(undefined)
        void run(what, action)
      },
    })
  }

  async function run(what: string, action: () => Promise<unknown>) {
    setBusy(true)
    try {
      await action()
      notifications.show({ color: 'teal', message: what })
      setNote('')
      props.onDone()
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not done', message: describeError(e) })
    } finally {
      setBusy(false)
    }
  }
  const noteField = (
    <TextInput
      label="Note (optional)"
      value={note}
      onChange={(e) => setNote(e.currentTarget.value)}
      maxLength={500}
    />
  )
  const qtyField = (label: string) => (
    <WholeNumberField label={label} value={qtyText} rule={qtyRule} onChange={setQtyText} testId="stock-qty" />
  )
  const optionalNote = note.trim() ? { note: note.trim() } : {}

  return (
    <Paper withBorder p="lg">
      <Tabs defaultValue={props.isManager ? 'restock' : 'request'}>
        <Tabs.List>
          {props.isManager ? <Tabs.Tab value="restock">Restock</Tabs.Tab> : null}
          {props.isManager ? <Tabs.Tab value="adjust">Adjust</Tabs.Tab> : null}
          {props.isManager ? <Tabs.Tab value="transfer">Transfer</Tabs.Tab> : null}
          <Tabs.Tab value="request">Request</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="restock" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Goods received at this store. This store may sell them at once.
            </Text>
            <Group align="flex-end">
              {qtyField('Units received')}
              <Button
                loading={busy}
                disabled={qty < 1}
                data-testid="do-restock"
                onClick={() =>
                  runChecked(
                    qty,
                    `Restock ${qty.toLocaleString()} units of ${props.product.name}?`,
                    `Restocked ${qty} × ${props.product.name}`,
                    () => api['stock.restock']({ productId: props.product.id, qty, ...optionalNote }),
                  )
                }
              >
                Restock
              </Button>
            </Group>
            {noteField}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="adjust" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Correct the count here: negative removes units (damaged, lost…), positive adds found units.
            </Text>
            <Group align="flex-end">
              <WholeNumberField
                label="Change (+/−)"
                value={deltaText}
                rule={deltaRule}
                onChange={setDeltaText}
                testId="stock-delta"
              />
              <Select
                label="Reason"
                allowDeselect={false}
                value={reason}
                onChange={(v) => v && setReason(v as AdjustReason)}
                data={adjustReasons.map((r) => ({ value: r, label: reasonLabels[r] }))}
                w={180}
              />
              <Button
                loading={busy}
                disabled={delta === 0}
                onClick={() =>
                  runChecked(
                    delta,
                    `Change the count of ${props.product.name} by ${delta.toLocaleString()}?`,
                    `Adjusted ${props.product.name} by ${delta}`,
                    () =>
                      api['stock.adjust']({ productId: props.product.id, delta, reason, ...optionalNote }),
                  )
                }
              >
                Adjust
              </Button>
            </Group>
            {noteField}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="transfer" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Give some of this store's rights ({props.stock.here}) to another store, e.g. when shipping goods
              there.
            </Text>
            <Group align="flex-end">
              <Select
                label="To store"
                placeholder={storeOptions.length ? 'Pick a store' : 'No other store known for this product'}
                data={storeOptions}
                value={target}
                onChange={setTarget}
                w={260}
              />
              {qtyField('Units')}
              <Button
                loading={busy}
                disabled={!target || qty < 1 || qty > props.stock.here}
                onClick={() =>
                  target &&
                  void run(`Transferred ${qty} × ${props.product.name}`, () =>
                    api['stock.transfer']({
                      productId: props.product.id,
                      toReplicaId: target,
                      qty,
                      ...optionalNote,
                    }),
                  )
                }
              >
                Transfer
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="request" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Ask a store that holds this product for units. The request waits in the chain until that store
              grants it.
            </Text>
            <Group align="flex-end">
              <Select
                label="Ask"
                placeholder={donors.length ? 'Store with the most' : 'No other store holds any'}
                data={donors.map((d) => ({
                  value: d.replicaId,
                  label: `${d.storeName} (holds ${d.rights})`,
                }))}
                value={target}
                onChange={setTarget}
                clearable
                w={260}
              />
              {qtyField('Units')}
              <Button
                loading={busy}
                disabled={qty < 1 || donors.length === 0}
                onClick={() =>
                  void run(`Requested ${qty} × ${props.product.name}`, () =>
                    api['stock.request']({
                      productId: props.product.id,
                      qty,
                      ...(target ? { donorReplicaId: target } : {}),
                    }),
                  )
                }
              >
                Request
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ConfirmModal
        question={unusual?.question}
        detail="This is an unusually large number. Check it against the delivery note or the count."
        confirmLabel={unusual?.confirm ?? ''}
        onConfirm={() => unusual?.go()}
        onCancel={() => setUnusual(undefined)}
      />
    </Paper>
  )
}
