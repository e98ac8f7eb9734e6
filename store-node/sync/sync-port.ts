import type { SyncStatus } from '../../shared/api/views.ts'

/** What the services need from the relay link (a standalone store's link reports 'standalone'). */
export interface SyncPort {
  status(): SyncStatus
  /** Joins an organization on a relay with an enrollment code; resolves once the first sync is done. */
  link(
    relayUrl: string,
    enrollmentCode: string,
    store?: { name?: string | undefined; code?: string | undefined },
  ): Promise<{ orgId: string }>
  /** Moves a linked store to another relay with a new enrollment code; resolves after the first sync. */
  relink(relayUrl: string, enrollmentCode: string): Promise<{ orgId: string }>
  stop(): void
}
