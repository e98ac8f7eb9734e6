import { WriteGate } from './api/write-gate.ts'
import { Upkeep } from './jobs/upkeep.ts'
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { join } from 'node:path'
import { createDocFold, type DocFold } from '../shared/core/fold.ts'
import { createReplicaOps, type ReplicaOps } from '../shared/core/operations.ts'
import { openDatabase, type Database } from '../shared/node/sqlite.ts'
import { ApiError } from '../shared/api/errors.ts'
import type { Envelope } from '../shared/api/rpc.ts'
import type { PushedEventName, PushedEvents } from '../shared/api/views.ts'
import { dispatch, type Handlers, type Session } from './api/dispatch.ts'
import { Backups } from './jobs/backups.ts'
import { lockDownDataDir } from './infra/data-dir-permissions.ts'
import { touchPrivateFile } from './infra/private-files.ts'
import { localIso } from './infra/clock.ts'
import type { NodeContext } from './api/context.ts'
import { TrustedDirectory } from './trust/trusted-directory.ts'
import { KeyValue } from './db/kv.ts'
import { timeOrderedId } from './doc/time-ordered-id.ts'
import { migrate } from './db/schema.ts'
import { HighWaterMark } from './db/high-water-mark.ts'
import { CleanShutdown } from './doc/clean-shutdown.ts'
import type { ClientIdTaken } from './sync/relay-sync-client.ts'
import { Idempotency } from './db/idempotency.ts'
import { loadIdentity, saveIdentity, type Identity } from './doc/identity.ts'
import type { Logger } from './infra/logger.ts'
import { ReplicaStore } from './db/replica-store.ts'
import { catalogHandlers } from './services/catalog.ts'
import { reservationsHandlers } from './services/reservations.ts'
import { ordersHandlers } from './services/orders.ts'
import { reportsHandlers } from './services/reports.ts'
import { chainHandlers } from './services/chain.ts'
import { supplierHandlers } from './services/suppliers.ts'
import { purchasingHandlers } from './services/purchasing.ts'
import { syncHandlers } from './services/sync.ts'
import { integrityHandlers } from './services/integrity.ts'
import { systemHandlers } from './services/system.ts'
import { salesHandlers } from './services/sales.ts'
import { setupHandlers } from './services/setup.ts'
import { sessionHandlers } from './services/session.ts'
import { createManagerApproval } from './approvals/manager-approval.ts'
import { cardHandlers } from './services/cards.ts'
import { countHandlers } from './services/counts.ts'
import { customerHandlers } from './services/customers.ts'
import { parkedHandlers } from './services/parked.ts'
import { receiptsHandlers } from './services/receipts.ts'
import { ruleHandlers } from './services/rules.ts'
import { shiftHandlers } from './services/shifts.ts'
import { stockHandlers } from './services/stock.ts'
import { userHandlers } from './services/users.ts'
import { storesHandlers } from './services/stores.ts'
import { requestsHandlers } from './services/requests.ts'
import { shipmentsHandlers } from './services/shipments.ts'
import { settingsHandlers } from './services/settings.ts'
import { devicesHandlers } from './services/devices.ts'
import { applyPendingRestore } from './jobs/restore.ts'
import { storedRebalanceOverrides } from './settings/store-settings.ts'
import { assistantHandlers } from './services/assistant.ts'

import {
  defaultRebalanceSettings,
  nodeRebalancePorts,
  Rebalancer,
  type RebalanceSettings,
} from './jobs/rebalancer.ts'
import { RelayLink } from './sync/relay-link.ts'
import { mayWorkAtStore } from './trust/store-access.ts'

export interface StoreNodeOptions {
  dataDir: string
  logger: Logger
  now?: () => Date
  /** Rebalancing thresholds (tests shorten the timings). */
  rebalance?: Partial<RebalanceSettings>
  /** Background jobs (backups, expiring holds, compaction); tests may switch them off. */
  backgroundJobs?: boolean
  /** This machine's identity for the clean-shutdown record (tests act as another machine). */
  machineIdentity?: string
}

/** A client id the relay held more of than this till: kept until the relay's writes are back. */
interface TakenClientId {
  clientId: number
  relayClock: number
  /** This run wrote with the id at clocks the relay already holds: those writes cannot merge. */
  diverged: boolean
}
const TAKEN_CLIENT_ID_KEY = 'client-id-taken'

type Listener = (event: PushedEventName, data: PushedEvents[PushedEventName]) => void

/**
 * One store's replica: SQLite + Y.Doc + escrow fold + domain services, serving the StoreApi.
 * Plain Node: the Electron main process and the headless CLI both host it.
 */
export class StoreNode {
  readonly dataDir: string
  readonly db: Database
  readonly store: ReplicaStore
  readonly fold: DocFold
  readonly handlers: Handlers
  private readonly ctx: NodeContext
  private readonly logger: Logger
  private readonly listeners = new Set<Listener>()
  private readonly hwm: HighWaterMark
  private identityValue: Identity
  private opsValue: ReplicaOps | undefined
  private lockedReason: string | undefined
  private readonly cleanShutdown: CleanShutdown
  /** The client id this run writes with and its clock when the run started. */
  private readonly startClient: { clientId: number; clock: number }
  /** Background jobs (backups, expired holds, checkpoints, compaction), callable directly too. */
  readonly upkeep: Upkeep
  private readonly relay: RelayLink
  private readonly rebalancer: Rebalancer
  private closed = false

  constructor(options: StoreNodeOptions) {
    const now = options.now ?? (() => new Date())
    this.dataDir = options.dataDir
    this.logger = options.logger
    lockDownDataDir(options.dataDir)
    // A restore scheduled through system.restore replaces the database before it is opened; the
    // high-water mark outside it then makes the stale-restore guard lock selling.
    applyPendingRestore(options.dataDir, this.logger, now)
    // An existing 0600 database file makes SQLite create its -wal and -shm with 0600 too.
    touchPrivateFile(join(options.dataDir, 'store.db'))
    this.db = openDatabase(join(options.dataDir, 'store.db'))
    migrate(this.db)
    lockDownDataDir(options.dataDir)
    const kv = new KeyValue(this.db)
    this.identityValue = loadIdentity(kv, randomUUID)
    this.store = new ReplicaStore(this.db, this.logger)
    const loaded = this.store.load()
    this.fold = createDocFold(this.store.doc)
    this.store.attachFold(this.fold)
    this.hwm = new HighWaterMark(join(options.dataDir, 'replica-hwm.json'))
    this.cleanShutdown = new CleanShutdown({
      kv,
      dataDir: options.dataDir,
      file: join(options.dataDir, 'replica-client.json'),
      ...(options.machineIdentity ? { machine: options.machineIdentity } : {}),
    })
    this.startClient = this.chooseClientId(kv)
    this.checkStaleRestore(kv)

    const directory = new TrustedDirectory({
      doc: this.store.doc,
      kv,
      selfReplicaId: () => this.identityValue.replicaId,
      onRejected: (what) =>
        this.logger.warn({ what }, 'an unverified change to a protected record was ignored'),
    })
    const gate = new WriteGate({
      orgId: () => this.identityValue.orgId,
      broken: () => this.store.broken,
      locked: () => this.lockedReason,
      readOnly: () => (this.identityValue.orgId ? this.coreOps().readOnlyReason() : undefined),
    })
    this.ctx = {
      gate,
      store: this.store,
      doc: this.store.doc,
      fold: this.fold,
      directory,
      kv,
      idempotency: new Idempotency(this.db),
      backups: new Backups({ db: this.db, dir: join(options.dataDir, 'backups'), now }),
      logger: this.logger,
      dataDir: options.dataDir,
      startedAt: now().getTime(),
      nowIso: () => localIso(now()),
      nowMs: () => now().getTime(),
      newId: randomUUID,
      identity: () => this.identityValue,
      setIdentity: (identity) => {
        saveIdentity(kv, identity)
        this.identityValue = identity
      },
      ops: () => this.ops(),
      clientIdTaken: (taken) => this.clientIdTaken(taken),
      emit: (event, data) => this.emit(event, data),
      sync: () => this.relay,
    }
    // One PIN check (and one throttle) for every approval a manager gives on this till.
    const approve = createManagerApproval(this.ctx)
    this.handlers = {
      ...setupHandlers(this.ctx),
      ...sessionHandlers(this.ctx),
      ...userHandlers(this.ctx),
      ...catalogHandlers(this.ctx),
      ...stockHandlers(this.ctx),
      ...salesHandlers(this.ctx, approve),
      ...reservationsHandlers(this.ctx),
      ...ordersHandlers(this.ctx),
      ...reportsHandlers(this.ctx),
      ...chainHandlers(this.ctx),
      ...supplierHandlers(this.ctx),
      ...purchasingHandlers(this.ctx),
      ...syncHandlers(this.ctx),
      ...integrityHandlers(this.ctx),
      ...systemHandlers(this.ctx),
      ...storesHandlers(this.ctx),
      ...requestsHandlers(this.ctx),
      ...shipmentsHandlers(this.ctx),
      ...settingsHandlers(this.ctx),
      ...devicesHandlers(this.ctx),
      ...assistantHandlers(this.ctx),
      ...shiftHandlers(this.ctx, approve),
      ...ruleHandlers(this.ctx),
      ...parkedHandlers(this.ctx),
      ...customerHandlers(this.ctx),
      ...cardHandlers(this.ctx),
      ...countHandlers(this.ctx, approve),
      ...receiptsHandlers(this.ctx),
    } satisfies Handlers

    this.store.onCommitted(({ events, productIds }) => this.afterCommit(events, productIds))
    this.relay = new RelayLink(this.ctx, (status) => this.emit('sync.status', status))
    this.store.onBroken((reason) => this.relay.halt(reason))
    const rebalance = { ...defaultRebalanceSettings, ...options.rebalance }
    // A manager's saved floor and low-water minimum (settings.update) win over the defaults.
    this.rebalancer = new Rebalancer(
      nodeRebalancePorts(this.ctx, () => this.relay.online),
      () => ({ ...rebalance, ...storedRebalanceOverrides(kv) }),
    )
    // Requests or transfers from other stores: answer (or use) them promptly.
    this.fold.subscribe((change) => {
      if (!change.local) this.rebalancer.poke()
    })
    this.upkeep = new Upkeep({
      ctx: this.ctx,
      logger: this.logger,
      ops: () => this.ops(),
      relayStatus: () => this.relay.status(),
    })
    if (options.backgroundJobs !== false) {
      this.upkeep.start()
      this.rebalancer.start()
    }
    this.logger.info({ replicaId: this.replicaId, rows: loaded.rows, bytes: loaded.bytes }, 'replica loaded')
  }

  get replicaId(): string {
    return this.identityValue.replicaId
  }

  get identity(): Identity {
    return this.identityValue
  }

  get context(): NodeContext {
    return this.ctx
  }

  /**
   * The core operations as this replica. While the database is stale, every append to our own log
   * is refused, not only sales: a new event would reuse a seq that the forgotten events hold.
   */
  private ops(): ReplicaOps {
    // The core refuses a read-only replica's appends itself (READ_ONLY), and reading works there.
    const refusal = this.ctx.gate.whyNotWrite()
    if (refusal && refusal.code !== 'READ_ONLY') throw new ApiError(refusal.code, refusal.message)
    return this.coreOps()
  }

  /** The core operations, created once, without the gate (the gate itself asks them). */
  private coreOps(): ReplicaOps {
    this.opsValue ??= createReplicaOps(this.store.doc, this.fold, {
      replicaId: this.replicaId,
      now: this.ctx.nowIso,
      // a schema version only counts when a head-office till (or this one) wrote it
      schemaVersion: () => this.ctx.directory.meta().schemaVersion,
      newId: () => timeOrderedId(this.ctx.nowMs()),
      lookupSale: (saleId) => {
        const found = this.store.ledger.event(saleId, 'sale')
        return found
          ? {
              lines: found.event.lines,
              pricesIncludeTax: found.event.pricesIncludeTax,
              refunded: this.store.queries.refunded(saleId),
            }
          : undefined
      },
    })
    return this.opsValue
  }

  /**
   * Keeps the Yjs client id of a clean shutdown of this very directory on this machine (every new
   * id makes each later transaction of the whole chain a little slower); anything else takes the
   * new random id the doc was created with. Then marks the record "in use" before any write.
   */
  private chooseClientId(kv: KeyValue): { clientId: number; clock: number } {
    const doc = this.store.doc
    const kept = this.cleanShutdown.reusableClientId((id) => Y.getState(doc.store, id))
    const taken = kv.get<TakenClientId>(TAKEN_CLIENT_ID_KEY)
    if (kept !== undefined && kept !== taken?.clientId) doc.clientID = kept
    this.cleanShutdown.markInUse()
    this.logger.info({ clientId: doc.clientID, kept: doc.clientID === kept }, 'Yjs client id chosen')
    return { clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID) }
  }

  /** A database whose own log is behind the high-water mark was restored or copied: no selling. */
  private checkStaleRestore(kv: KeyValue): void {
    const mark = this.hwm.read()
    const own = this.fold.logInfo(this.replicaId).lastSeq
    if (own < mark) {
      this.lockedReason = `This database is behind its own history (event #${own} of #${mark}): it was restored or copied. Selling resumes once the relay has returned the missing events.`
      this.logger.warn({ own, mark }, 'stale database: sales locked until the relay confirms our log')
    }
    const taken = kv.get<TakenClientId>(TAKEN_CLIENT_ID_KEY)
    if (taken && !this.takenCaughtUp(taken)) this.lockedReason ??= takenMessage(taken)
  }

  /**
   * The relay holds writes of our current client id that we do not (this database was rolled back
   * after the original wrote on): stop writing with that id at once and lock sales like a stale
   * restore. If this run already wrote with it, those writes collide with the relay's and the sync
   * stops too; otherwise selling resumes once the relay's writes have arrived.
   */
  private clientIdTaken(taken: ClientIdTaken): boolean {
    const diverged = taken.clientId === this.startClient.clientId && taken.localClock > this.startClient.clock
    const record: TakenClientId = { clientId: taken.clientId, relayClock: taken.relayClock, diverged }
    const doc = this.store.doc
    if (doc.clientID === taken.clientId) doc.clientID = new Y.Doc().clientID
    this.ctx.kv.set(TAKEN_CLIENT_ID_KEY, record)
    this.lockedReason = takenMessage(record)
    this.logger.warn({ ...record, newClientId: doc.clientID }, 'rolled-back copy: sales locked')
    return !diverged
  }

  /** True once the relay's writes of a taken client id are all here (and nothing diverged). */
  private takenCaughtUp(taken: TakenClientId): boolean {
    return !taken.diverged && Y.getState(this.store.doc.store, taken.clientId) >= taken.relayClock
  }

  private afterCommit(
    events: Array<{
      replicaId: string
      event: { type: string; id: string; productId?: string; lines?: Array<{ productId: string }> }
    }>,
    productIds: Set<string>,
  ): void {
    const own = this.fold.logInfo(this.replicaId).lastSeq
    this.hwm.advance(own)
    if (this.lockedReason && own >= this.hwm.read() && this.takenResolved()) {
      this.lockedReason = undefined
      this.logger.info({ own }, 'own log restored from the relay: sales unlocked')
    }
    const touched = new Set<string>()
    for (const { replicaId, event } of events) {
      if (event.productId) touched.add(event.productId)
      for (const l of event.lines ?? []) touched.add(l.productId)
      if (event.type === 'sale') this.emit('sale.recorded', { saleId: event.id, replicaId })
    }
    if (touched.size > 0) this.emit('stock.changed', { productIds: [...touched] })
    if (productIds.size > 0) this.emit('catalog.changed', {})
  }

  /** No taken client id is pending (any that was is caught up now, and forgotten). */
  private takenResolved(): boolean {
    const taken = this.ctx.kv.get<TakenClientId>(TAKEN_CLIENT_ID_KEY)
    if (!taken) return true
    if (!this.takenCaughtUp(taken)) return false
    this.ctx.kv.delete(TAKEN_CLIENT_ID_KEY)
    return true
  }

  /** One API call: validation, roles and the `{error, result}` envelope. */
  call(method: unknown, params: unknown, session: Session): Promise<Envelope<unknown>> {
    return dispatch(
      {
        handlers: this.handlers,
        findUser: (userId) => {
          const u = this.ctx.directory.user(userId)
          if (!u) return undefined
          // An account that no longer lists this store is logged out, as if disabled.
          const disabled = u.disabled || !mayWorkAtStore(u, this.identityValue.storeId)
          return { id: userId, role: u.role, username: u.username, disabled }
        },
        logError: (error, name) => this.logger.error({ err: error, method: name }, 'API call failed'),
      },
      method,
      params,
      session,
    )
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<K extends PushedEventName>(event: K, data: PushedEvents[K]): void {
    for (const l of this.listeners) {
      try {
        l(event, data)
      } catch (error) {
        this.logger.error({ err: error }, 'event listener failed')
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.upkeep.stop()
    this.rebalancer.stop()
    this.relay.stop()
    this.hwm.flush()
    this.store.close()
    // After the last write: the next start in this directory may continue with this client id.
    if (!this.store.broken) {
      const doc = this.store.doc
      this.cleanShutdown.markClean(doc.clientID, Y.getState(doc.store, doc.clientID))
    }
    this.fold.dispose()
    this.store.doc.destroy()
    this.db.close()
  }
}

function takenMessage(taken: TakenClientId): string {
  const base =
    'The relay holds sales this till made that this copy of its data does not have: the till was rolled back (a virtual machine snapshot, an old copy of its data) after it had sold more.'
  return taken.diverged
    ? `${base} This copy also sold since, with the same identity: those sales cannot be merged. Selling and sync are stopped; set the till up again from the relay.`
    : `${base} Selling resumes once the relay has returned the missing events.`
}

export { MAX_RETAINED_OWN_EVENTS } from './jobs/upkeep.ts'

export async function openStoreNode(options: StoreNodeOptions): Promise<StoreNode> {
  return new StoreNode(options)
}
