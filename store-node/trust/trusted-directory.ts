// The store's own view of the protected records (users and the organization's meta), as far as
// it could verify them. A change that arrives through the relay is taken only when the replica
// that wrote it (see shared/core/attribution.ts) was allowed to: a head-office device, or a
// device of the store the user belongs to, for users below owner. Anything else is ignored —
// the last verified version stays in force — and raised as an integrity alert. The first view
// (a store that upgrades, or one that just joined) takes the document as it finds it.
import type * as Y from 'yjs'
import { Attribution, currentItem } from '../../shared/core/attribution.ts'
import { userInStoreScope } from '../../shared/core/authority.ts'
import {
  getMeta,
  getReplicas,
  getUsers,
  listReplicas,
  readMeta,
  readUser,
  type Meta,
  type User,
} from '../../shared/core/schema.ts'
import type { KeyValue } from '../db/kv.ts'

const KV_KEY = 'trusted-directory'

/** Fields whose change needs authority; the rest (display name) is shown as written. */
const PROTECTED_USER_FIELDS = ['username', 'role', 'passwordHash', 'pinHash', 'storeIds', 'disabled'] as const
const PROTECTED_META_FIELDS = [
  'orgId',
  'orgName',
  'currency',
  'schemaVersion',
  'defaultPolicy',
  'pricesIncludeTax',
] as const

interface Snapshot {
  users: Record<string, User>
  meta: Meta
}

export interface DirectoryDeps {
  doc: Y.Doc
  kv: KeyValue
  /** This replica's id. */
  selfReplicaId: () => string
  /** An unverified change was ignored. */
  onRejected: (what: string) => void
}

export class TrustedDirectory {
  private readonly deps: DirectoryDeps
  private readonly attribution: Attribution
  private snapshot: Snapshot | undefined
  private dirty = true
  private readonly rejected = new Set<string>()
  private readonly rejections: string[] = []

  constructor(deps: DirectoryDeps) {
    this.deps = deps
    this.attribution = new Attribution(deps.doc)
    this.snapshot = deps.kv.get<Snapshot>(KV_KEY)
    const markDirty = () => (this.dirty = true)
    getUsers(deps.doc).observeDeep(markDirty)
    getMeta(deps.doc).observe(markDirty)
    // a replica that becomes attributable or head office can turn an ignored change into a verified one
    getReplicas(deps.doc).observe(markDirty)
  }

  /** A verified user record, or undefined. */
  user(userId: string): User | undefined {
    return this.view().users[userId]
  }

  /** Every verified user, by id. */
  users(): Record<string, User> {
    return this.view().users
  }

  /** Verified users with this username (more than one only after an offline clash). */
  byUsername(username: string): Array<{ id: string; user: User }> {
    return Object.entries(this.view().users)
      .filter(([, u]) => u.username === username)
      .map(([id, user]) => ({ id, user }))
  }

  meta(): Meta {
    return this.view().meta
  }

  /** The protected records whose latest change was ignored since this store started. */
  ignoredChanges(): readonly string[] {
    this.view()
    return this.rejections
  }

  private view(): Snapshot {
    if (!this.dirty && this.snapshot) return this.snapshot
    this.dirty = false
    const doc = this.deps.doc
    if (!this.snapshot) {
      // The first view of an organization takes it as it is (a store that upgrades, or one that just
      // joined); before the organization exists there is nothing to pin yet.
      const first = { users: allUsers(doc), meta: readMeta(doc) }
      if (first.meta.orgId === undefined) {
        this.dirty = true
        return first
      }
      this.snapshot = first
      this.deps.kv.set(KV_KEY, this.snapshot)
      return this.snapshot
    }
    let changed = false
    const users = { ...this.snapshot.users }
    for (const [id, raw] of Object.entries(allUsers(doc))) {
      const old = users[id]
      if (old && sameProtected(old, raw)) {
        if (old.displayName !== raw.displayName) {
          users[id] = { ...old, displayName: raw.displayName }
          changed = true
        }
        continue
      }
      if (this.userChangeAllowed(id, old, raw)) {
        users[id] = raw
        changed = true
      } else this.reject(`user ${raw.username} (${id})`, JSON.stringify(raw))
    }
    const meta = { ...this.snapshot.meta }
    const rawMeta = readMeta(doc)
    for (const key of PROTECTED_META_FIELDS) {
      if (rawMeta[key] === meta[key]) continue
      if (this.metaChangeAllowed(key, meta[key])) {
        ;(meta as Record<string, unknown>)[key] = rawMeta[key]
        changed = true
      } else this.reject(`organization setting ${key}`, String(rawMeta[key]))
    }
    if (changed) {
      this.snapshot = { users, meta }
      this.deps.kv.set(KV_KEY, this.snapshot)
    }
    return this.snapshot
  }

  private reject(what: string, version: string): void {
    const key = `${what}\u0000${version}`
    if (this.rejected.has(key)) return
    this.rejected.add(key)
    this.rejections.push(what)
    this.deps.onRejected(what)
  }

  /** Who wrote the current value of `key` in `map`, and what that replica may do. */
  private writerOf(
    map: Y.Map<unknown>,
    key: string,
  ): { self: boolean; storeId?: string; headOffice: boolean } | null {
    const item = currentItem(map, key)
    if (!item) return null
    const replicaId = this.attribution.replicaOf(item)
    if (replicaId === undefined) return null
    if (replicaId === this.deps.selfReplicaId()) return { self: true, headOffice: false }
    const info = listReplicas(this.deps.doc).get(replicaId)
    return { self: false, ...(info ? { storeId: info.storeId } : {}), headOffice: info?.headOffice === true }
  }

  private userChangeAllowed(userId: string, old: User | undefined, next: User): boolean {
    const record = getUsers(this.deps.doc).get(userId)
    if (!record) return false
    for (const field of PROTECTED_USER_FIELDS) {
      if (old && sameValue(old[field], next[field])) continue
      const writer = this.writerOf(record, field)
      // a field missing from the record reads as its default: nobody verifiable wrote that
      if (!writer) return false
      if (writer.self || writer.headOffice) continue
      if (writer.storeId === undefined) return false
      if (!userInStoreScope(old, writer.storeId) || !userInStoreScope(next, writer.storeId)) return false
    }
    return true
  }

  private metaChangeAllowed(key: (typeof PROTECTED_META_FIELDS)[number], old: unknown): boolean {
    // the organization id never changes once set, whoever writes it
    if (key === 'orgId' && old !== undefined) return false
    const writer = this.writerOf(getMeta(this.deps.doc), key)
    return writer !== null && (writer.self || writer.headOffice)
  }
}

function allUsers(doc: Y.Doc): Record<string, User> {
  const out: Record<string, User> = {}
  for (const id of getUsers(doc).keys()) {
    const user = readUser(doc, id)
    if (user) out[id] = user
  }
  return out
}

function sameProtected(a: User, b: User): boolean {
  return PROTECTED_USER_FIELDS.every((f) => sameValue(a[f], b[f]))
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
