import { Alert, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useRef, useState, type KeyboardEvent } from 'react'
import { useApi } from '../api/api-context.tsx'
import { describeError, isApiError } from '../api/describe-error.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { ApprovalModal, type Approval } from '../ui/ApprovalModal.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { CountLines } from './CountLines.tsx'

/**
 * One count, scanner first: a scan (or a typed SKU) jumps to that product's counted field; Enter
 * records it. Posting writes counted − expected as adjustments; a manager approves with their PIN
 * when the store asks.
 */
export function CountDetail({ countId }: { countId: string }) {
  const api = useApi()
  const count = useStoreQuery('counts.get', { countId }, { refreshOn: ['stock.changed'] })
  const record = useStoreAction('counts.record', { invalidates: ['counts.get', 'counts.list'] })
  const post = useStoreAction('counts.post', {
    invalidates: ['counts.get', 'counts.list', 'stock.get', 'stock.list'],
    showError: 'inline',
    success: 'Count posted: the stock now says what was counted',
  })
  const [asking, setAsking] = useState(false)
  const [scan, setScan] = useState('')
  const [scanProblem, setScanProblem] = useState<string>()
  const scanRef = useRef<HTMLInputElement>(null)
  const inputs = useRef(new Map<string, HTMLInputElement>())
  const c = count.data

  const find = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || !c) return
    e.preventDefault()
    const code = scan.trim()
    if (!code) return
    const bySku = c.lines.find((l) => l.sku.toLowerCase() === code.toLowerCase())
    const productId =
      bySku?.productId ??
      (await api['catalog.get']({ barcode: code }).then(
        (p) => p.id,
        () => undefined,
      ))
    const input = productId ? inputs.current.get(productId) : undefined
    setScanProblem(input ? undefined : `${code} is not in this count`)
    setScan('')
    input?.focus()
  }
  const submit = async (approval?: Approval) => {
    const result = await post.tryRun({ countId, ...(approval && { approval }) })
    setAsking(!result.ok && isApiError(result.error, 'APPROVAL_REQUIRED'))
  }
  if (count.error) return <Alert color="red">{count.error}</Alert>
  if (!c) return null
  return (
    <TitledCard
      title={c.name}
      actions={
        <Group gap="xs">
          {c.blind ? <Badge variant="light">blind</Badge> : null}
          <Badge variant="light" color={c.posted ? 'teal' : 'yellow'} data-testid="count-state">
            {c.posted ? 'posted' : `${c.counted} of ${c.products} counted`}
          </Badge>
        </Group>
      }
    >
      <Stack gap="sm">
        {!c.posted ? (
          <TextInput
            ref={scanRef}
            label="Scan a barcode or type a SKU, then the quantity and Enter"
            value={scan}
            onChange={(e) => setScan(e.currentTarget.value)}
            onKeyDown={(e) => void find(e)}
            error={scanProblem}
            data-testid="count-scan"
          />
        ) : null}
        <CountLines
          count={c}
          inputs={inputs}
          onRecord={(productId, countedQty) =>
            void record.run({ countId, productId, countedQty }).then(() => scanRef.current?.focus())
          }
        />
        {post.error && !asking ? <Alert color="red">{post.error}</Alert> : null}
        {c.unposted && c.unposted.length > 0 ? (
          <Text size="sm" c="orange.8">
            Some shortfalls were not posted: the store no longer held those rights.
          </Text>
        ) : null}
        {!c.posted ? (
          <Group justify="flex-end">
            <Button
              onClick={() => void submit()}
              loading={post.pending}
              disabled={c.counted === 0}
              data-testid="count-post"
            >
              Post the count
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Posted{c.approvedByName ? `, approved by ${c.approvedByName}` : ''}.
          </Text>
        )}
      </Stack>
      <ApprovalModal
        opened={asking}
        reason={post.error ?? 'The variances need a manager’s approval.'}
        pending={post.pending}
        onApprove={(approval) => void submit(approval)}
        onClose={() => setAsking(false)}
      />
      {record.error ? <Alert color="red">{describeError(record.failure)}</Alert> : null}
    </TitledCard>
  )
}
