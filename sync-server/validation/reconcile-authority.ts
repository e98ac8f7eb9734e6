// When a document loads: bind devices enrolled before store binding existed to the store of
// their `replicas` entry, and give an organization that has no head-office device one — the
// device whose client wrote the organization's id (the founding store). Both only fill gaps;
// nothing already set changes.
import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { RelayStore } from '../storage/relay-store.ts'
import type { RelayDoc } from '../sync/relay-doc.ts'

export function reconcileAuthority(relayDoc: RelayDoc, relayDb: RelayStore, log: Logger): void {
  const { doc, orgId } = relayDoc
  const replicas = doc.getMap<unknown>('replicas')
  for (const device of relayDb.devicesOfOrg(orgId)) {
    if (device.storeId !== null) continue
    const storeId = (replicas.get(device.replicaId) as { storeId?: unknown } | undefined)?.storeId
    if (typeof storeId === 'string' && storeId !== '') relayDb.bindDeviceStore(device.id, storeId)
  }
  if (relayDb.orgHasHeadOffice(orgId)) return
  const orgIdItem = (doc.getMap<unknown>('meta') as unknown as { _map: Map<string, Y.Item> })._map.get(
    'orgId',
  )
  const founder = orgIdItem ? relayDoc.clientOwners.get(orgIdItem.id.client) : undefined
  if (founder === undefined) return
  relayDb.setHeadOffice(orgId, founder, true)
  log.info({ orgId, deviceId: founder }, 'founding device marked head office')
}
