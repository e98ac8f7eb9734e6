import type { SyncStatus } from '../../../shared/api/views.ts'
import { ageText } from '../format/time.ts'
import { pendingWords } from './pending-words.ts'

export type SyncTone = 'synced' | 'pending' | 'connecting' | 'offline' | 'stopped' | 'standalone' | 'unknown'

export interface SyncSummary {
  tone: SyncTone
  color: string
  label: string
  /** Pending changes and the age of the oldest, when any. */
  pending?: string
  /** When this till last exchanged data with the chain, worded so that idle never reads as a fault. */
  lastSync: string
}

/**
 * The one place that decides what the status bar says. Rule from the design: never green while
 * anything is pending — "online" with pending events is "Syncing", not "Synced".
 */
export function describeSync(status: SyncStatus | undefined, now: number): SyncSummary {
  if (!status) return { tone: 'unknown', color: 'gray', label: 'Checking sync…', lastSync: '—' }
  const pending =
    status.pendingEvents > 0
      ? `${pendingWords(status.pendingByType) || `${status.pendingEvents} changes`} waiting to send · oldest ${ageText(status.oldestPendingAt, now)}`
      : undefined
  const age = status.lastSyncAt ? ageText(status.lastSyncAt, now) : undefined
  const idleAndSynced = status.state === 'online' && status.pendingEvents === 0
  const lastSync = idleAndSynced
    ? 'Everything sent to the chain'
    : status.state === 'standalone'
      ? 'This store works on its own'
      : age === undefined
        ? 'Not yet in touch with the chain'
        : `Last in touch with the chain ${age === 'just now' ? age : `${age} ago`}`
  const base = { lastSync, ...(pending ? { pending } : {}) }
  switch (status.state) {
    case 'standalone':
      return { ...base, tone: 'standalone', color: 'gray', label: 'Standalone (no relay)' }
    case 'stopped':
      return {
        ...base,
        tone: 'stopped',
        color: 'red',
        label: `Sync stopped${status.stoppedReason ? `: ${status.stoppedReason}` : ''}`,
      }
    case 'offline':
      return { ...base, tone: 'offline', color: 'red', label: 'Offline' }
    case 'connecting':
      return { ...base, tone: 'connecting', color: 'yellow', label: 'Connecting…' }
    case 'online':
      return status.pendingEvents > 0
        ? { ...base, tone: 'pending', color: 'yellow', label: 'Online · syncing' }
        : { ...base, tone: 'synced', color: 'green', label: 'Online · synced' }
  }
}
