import type { KeyValue } from '../db/kv.ts'

/** Who this installed app is. The replicaId is minted on first open and kept for life. */
export interface Identity {
  replicaId: string
  orgId?: string
  storeId?: string
  /** Relay link, once joined or linked. The device token never leaves this database. */
  relay?: { url: string; orgId: string; deviceToken: string }
}

export function loadIdentity(kv: KeyValue, mint: () => string): Identity {
  const existing = kv.get<Identity>('identity')
  if (existing?.replicaId) return existing
  const identity: Identity = { replicaId: mint() }
  kv.set('identity', identity)
  return identity
}

export function saveIdentity(kv: KeyValue, identity: Identity): void {
  kv.set('identity', identity)
}
