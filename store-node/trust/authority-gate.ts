// The same authority rules the relay applies (shared/core/authority.ts), checked before this
// till writes a shared record, so a refusal is a clear message here and never a relay that
// disconnects the store. A standalone store is its own head office; a linked one is head office
// only when the relay says so at the handshake (kept in `device-class`).
import { announce } from '../../shared/core/attribution.ts'
import { checkAuthority, type Author, type AuthorityRefusal } from '../../shared/core/authority.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { NodeContext } from '../api/context.ts'

export const DEVICE_CLASS_KEY = 'device-class'
export type DeviceClass = 'head-office' | 'store'

export function isHeadOffice(ctx: Pick<NodeContext, 'identity' | 'kv'>): boolean {
  if (!ctx.identity().relay) return true
  return ctx.kv.get<DeviceClass>(DEVICE_CLASS_KEY) === 'head-office'
}

export function selfAuthor(ctx: Pick<NodeContext, 'identity' | 'kv'>): Author {
  const identity = ctx.identity()
  return { replicaId: identity.replicaId, storeId: identity.storeId ?? null, headOffice: isHeadOffice(ctx) }
}

export interface SharedChange {
  root: 'users' | 'meta' | 'stores'
  key: string
  /** The field inside a user record; null for meta and stores entries. */
  field: string | null
  value: unknown
}

/** Throws FORBIDDEN, in words, when this till may not make one of `changes`. */
export function assertMayChange(ctx: NodeContext, changes: readonly SharedChange[]): void {
  const author = selfAuthor(ctx)
  for (const c of changes) {
    const refusal = checkAuthority(
      ctx.doc,
      author,
      { root: c.root, key: c.key, depth: c.field === null ? 0 : 1, field: c.field },
      'json',
      c.value,
    )
    if (refusal) throw new ApiError('FORBIDDEN', explain(refusal), { rule: refusal.rule })
  }
}

/** Writes shared records in one transaction, attributable to this till by every other store. */
export function writeShared(ctx: NodeContext, write: () => void): void {
  ctx.doc.transact(() => {
    announce(ctx.doc, ctx.identity().replicaId)
    write()
  })
}

function explain(refusal: AuthorityRefusal): string {
  if (refusal.rule === 'foreign-store') return 'This till can change only its own store.'
  return (
    'Only a head-office till can change owners, staff of other stores or the organization’s ' +
    'settings. Make this change at head office, or ask IT to make this till a head-office device.'
  )
}
