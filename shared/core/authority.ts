/**
 * Who may change what in the shared document (DESIGN.md §7, "authority over shared data").
 * A device may change only what a logged-in user of that device's store could change:
 * its own log and `replicas` entry, the catalog, its own store's entry, and users of its own
 * store below owner. The organization's `meta`, owners, users of other stores and other stores'
 * entries are protected records: only a head-office device (marked by the relay's admin) writes
 * them. The relay applies these rules to every incoming update; every store applies them again
 * to what it reads (attributing each field to the replica that wrote it), so a record that
 * arrived unverified is never trusted for a login or a role.
 */
import * as Y from 'yjs'
import {
  CUSTOMERS,
  LOG_PREFIX,
  META,
  PRODUCTS,
  REPLICAS,
  STORES,
  SUPPLIERS,
  USERS,
  roles,
  type Role,
} from './schema.ts'

/** Who wrote (or wants to write) a change. */
export interface Author {
  replicaId: string
  /** The store the device is bound to; null before its first `replicas` entry. */
  storeId: string | null
  headOffice: boolean
}

export type AuthorityRule =
  | 'foreign-log'
  | 'foreign-replica-entry'
  | 'foreign-store'
  | 'protected-record'
  | 'unknown-root'
  | 'bad-shape'

export interface AuthorityRefusal {
  rule: AuthorityRule
  detail: string
}

/** A change's target: `root[key]` (depth 0) or `root[key][field]` (depth 1). */
export interface Target {
  root: string
  key: string | null
  depth: number
  field: string | null
}

export type ContentKind = 'json' | 'deleted' | 'map' | 'other'

/** Roles a store device may give; `owner` is head office's alone. */
export const STORE_GRANTABLE_ROLES: readonly Role[] = roles.filter((r) => r !== 'owner')

/** True when a user record (as stored) is one a device of `storeId` may manage. */
export function userInStoreScope(
  record: { role?: unknown; storeIds?: unknown } | undefined,
  storeId: string,
): boolean {
  if (!record) return true
  if (record.role !== undefined && !STORE_GRANTABLE_ROLES.includes(record.role as Role)) return false
  return storeIdsInScope(record.storeIds, storeId)
}

function storeIdsInScope(storeIds: unknown, storeId: string): boolean {
  if (storeIds === undefined) return true
  return Array.isArray(storeIds) && storeIds.every((s) => s === storeId)
}

/** Plain fields of `root[key]` as the document holds them now (undefined when absent). */
export function currentEntry(doc: Y.Doc, root: string, key: string): Record<string, unknown> | undefined {
  const value = doc.getMap<unknown>(root).get(key)
  if (value instanceof Y.Map) return value.toJSON() as Record<string, unknown>
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
}

/**
 * May `author` put `content` (with `value` when it is JSON) at `target`, or delete what is there
 * (`content` = 'deleted')? Returns why not, or null.
 */
export function checkAuthority(
  doc: Y.Doc,
  author: Author,
  target: Target,
  content: ContentKind,
  value: unknown,
): AuthorityRefusal | null {
  const { root, key, depth, field } = target
  if (content === 'other') return { rule: 'bad-shape', detail: `content type not allowed in ${root}` }
  if (root.startsWith(LOG_PREFIX)) {
    if (root !== LOG_PREFIX + author.replicaId) return { rule: 'foreign-log', detail: `writes into ${root}` }
    if (depth !== 0 || key !== null || content === 'map')
      return { rule: 'bad-shape', detail: `${root} holds plain events` }
    if (content === 'json' && value !== null && (typeof value !== 'object' || Array.isArray(value)))
      return { rule: 'bad-shape', detail: `${root} holds event objects` }
    return null
  }
  const isMapRoot =
    root === META ||
    root === REPLICAS ||
    root === STORES ||
    root === PRODUCTS ||
    root === USERS ||
    root === CUSTOMERS ||
    root === SUPPLIERS
  if (!isMapRoot)
    return { rule: 'unknown-root', detail: `no such part of the document: ${root.slice(0, 60)}` }
  if (key === null) return { rule: 'bad-shape', detail: `${root} is a map` }
  const nested = root === PRODUCTS || root === USERS || root === CUSTOMERS || root === SUPPLIERS
  if (depth > (nested ? 1 : 0)) return { rule: 'bad-shape', detail: `${root} nests too deep` }
  if (nested && depth === 0 && content === 'json')
    return { rule: 'bad-shape', detail: `${root} entries are maps` }
  if ((!nested || depth === 1) && content === 'map')
    return { rule: 'bad-shape', detail: `${root} fields are values` }

  switch (root) {
    case REPLICAS:
      if (key !== author.replicaId)
        return { rule: 'foreign-replica-entry', detail: `writes replicas[${key.slice(0, 60)}]` }
      if (content === 'json') {
        const entry = value as { storeId?: unknown; headOffice?: unknown } | null
        if (entry === null || typeof entry !== 'object')
          return { rule: 'bad-shape', detail: 'a replicas entry is an object' }
        if (author.storeId !== null && entry.storeId !== author.storeId)
          return {
            rule: 'foreign-store',
            detail: `this device belongs to another store than ${String(entry.storeId).slice(0, 60)}`,
          }
        if (entry.headOffice === true && !author.headOffice)
          return { rule: 'protected-record', detail: 'only a head-office device may call itself head office' }
      }
      return null
    case META:
      if (!author.headOffice)
        return { rule: 'protected-record', detail: `meta.${key.slice(0, 40)} is head office's` }
      if (key === 'orgId') {
        const current = doc.getMap<unknown>(META).get('orgId')
        if (typeof current === 'string' && current !== '' && (content !== 'json' || value !== current))
          return { rule: 'protected-record', detail: 'the organization id never changes' }
      }
      return null
    case STORES:
      if (author.headOffice || key === author.storeId) return null
      return { rule: 'foreign-store', detail: `writes stores[${key.slice(0, 60)}]` }
    case PRODUCTS:
    case CUSTOMERS:
    case SUPPLIERS:
      // Shared data every store edits (last writer wins per field), like the catalog.
      return null
    case USERS: {
      if (author.headOffice) return null
      if (author.storeId === null)
        return { rule: 'protected-record', detail: 'a device without a store edits no users' }
      if (!userInStoreScope(currentEntry(doc, USERS, key), author.storeId))
        return {
          rule: 'protected-record',
          detail: `users[${key.slice(0, 60)}] is not this store's to change`,
        }
      if (depth === 1 && content === 'json') {
        if (field === 'role' && !STORE_GRANTABLE_ROLES.includes(value as Role))
          return { rule: 'protected-record', detail: `a store gives no role ${String(value).slice(0, 20)}` }
        if (field === 'storeIds' && !storeIdsInScope(value, author.storeId))
          return { rule: 'protected-record', detail: 'a store gives access to its own store only' }
      }
      return null
    }
  }
  return null
}
