import { Alert, Badge, Group, Stack, Text } from '@mantine/core'
import { useRef } from 'react'
import { describeError } from '../api/describe-error.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import type { Approval } from '../ui/ApprovalModal.tsx'
import { useApproval } from '../ui/use-approval.tsx'
import { SaveFooter } from '../ui/SaveFooter.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { ScanField } from '../ui/ScanField.tsx'
import { CountLines } from './CountLines.tsx'

/**
 * One count, scanner first: a scan (or a typed SKU) jumps to that product's counted field; Enter
 * records it. Posting writes counted − expected as adjustments; a manager approves with their PIN
 * when the store asks.
 */
export function CountDetail({ countId }: { countId: string }) {
  const { currency } = useSession()
  const count = useStoreQuery('counts.get', { countId }, { refreshOn: ['stock.changed'] })
  const record = useStoreAction('counts.record', { invalidates: ['counts.get', 'counts.list'] })
  const post = useStoreAction('counts.post', {
    invalidates: ['counts.get', 'counts.list', 'stock.get', 'stock.list'],
    showError: 'inline',
    success: 'Count posted: the stock now says what was counted',
  })
  const scanRef = useRef<HTMLInputElement>(null)
  const inputs = useRef(new Map<string, HTMLInputElement>())
  const c = count.data

  const approval = useApproval({
    attempt: (given?: Approval) => post.tryRun({ countId, ...(given && { approval: given }) }),
    reason: post.error ?? 'The variances need a manager’s approval.',
    pending: post.pending,
  })
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
          <ScanField
            inputRef={scanRef}
            label="Scan a barcode or type a SKU, then the quantity and Enter"
            lines={c.lines}
            onFound={(productId) => inputs.current.get(productId)?.focus()}
            notFound={(code) => `${code} is not in this count`}
            testId="count-scan"
          />
        ) : null}
        <CountLines
          count={c}
          currency={currency}
          inputs={inputs}
          onRecord={(productId, countedQty) =>
            void record.run({ countId, productId, countedQty }).then(() => scanRef.current?.focus())
          }
        />
        {post.error && !approval.asking ? <Alert color="red">{post.error}</Alert> : null}
        {c.unposted && c.unposted.length > 0 ? (
          <Text size="sm" c="orange.8">
            Some shortfalls were not posted: the store no longer held those rights.
          </Text>
        ) : null}
        {!c.posted ? (
          <SaveFooter
            label="Post the count"
            pending={post.pending}
            onClick={() => void approval.run()}
            disabled={c.counted === 0}
            testId="count-post"
          />
        ) : (
          <Text size="sm" c="dimmed">
            Posted{c.approvedByName ? `, approved by ${c.approvedByName}` : ''}.
          </Text>
        )}
      </Stack>
      {approval.modal}
      {record.error ? <Alert color="red">{describeError(record.failure)}</Alert> : null}
    </TitledCard>
  )
}
