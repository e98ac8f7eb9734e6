import { Alert } from '@mantine/core'
import { describeSync } from './describe-sync.ts'
import { useNow, useSyncStatus } from './use-sync-status.ts'

/**
 * Offline or connecting, said where the cashier looks (the checkout), not only in the footer:
 * selling goes on, and the cashier knows the sales wait on this till until the link is back.
 */
export function CheckoutSyncNotice() {
  const status = useSyncStatus()
  const summary = describeSync(status, useNow())
  if (summary.tone !== 'offline' && summary.tone !== 'connecting' && summary.tone !== 'stopped') return null
  const text =
    summary.tone === 'connecting'
      ? 'Reaching the chain… You can keep selling; sales are kept on this till.'
      : summary.tone === 'offline'
        ? 'Offline. You can keep selling: sales are kept on this till and sent when the connection is back.'
        : `${summary.label}. You can keep selling; ask a manager to look at the sync status.`
  return (
    <Alert
      color={summary.tone === 'connecting' ? 'yellow' : 'red'}
      variant="light"
      py={8}
      data-testid="pos-sync"
      data-tone={summary.tone}
      role="status"
    >
      {text}
      {summary.pending ? ` ${summary.pending}.` : ''}
    </Alert>
  )
}
