// Standalone linking: an organization whose document has no org id yet adopts the first store's
// document; afterwards only stores whose document carries the same org id may connect.
import type { Logger } from 'pino'
import type { RelayStore } from '../storage/relay-store.ts'
import type { RelayDoc } from './relay-doc.ts'

/** Null when the store's document may sync with this organization, else the reason it may not. */
export function checkDocOrg(
  relayDb: RelayStore,
  log: Logger,
  relayDoc: RelayDoc,
  docOrgId: string | null,
): string | null {
  if (docOrgId === null) return null
  const org = relayDb.getOrg(relayDoc.orgId)
  const expected = org?.docOrgId ?? relayDoc.docOrgId()
  const refusal = `document belongs to another organization (${docOrgId.slice(0, 40)})`
  if (expected === undefined || expected === null) {
    relayDb.adoptDocOrg(relayDoc.orgId, docOrgId)
    // another relay instance may have adopted another document at the same moment: the first wins
    const adopted = relayDb.getOrg(relayDoc.orgId)?.docOrgId
    if (adopted && adopted !== docOrgId) return refusal
    log.info({ orgId: relayDoc.orgId, docOrgId }, 'org adopted a store document')
    return null
  }
  if (expected !== docOrgId) return refusal
  if (!org?.docOrgId) relayDb.adoptDocOrg(relayDoc.orgId, docOrgId)
  return null
}
