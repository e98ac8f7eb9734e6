import * as Y from 'yjs'
import type { AllotEvent } from '../../shared/core/events.ts'
import type { DocFold } from '../../shared/core/fold.ts'
import { getProducts, readProduct } from '../../shared/core/schema.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import { trimDecodedContent } from '../doc/doc-memory.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { CatalogIndex, type IndexedProduct } from './catalog-index.ts'
import { Ledger } from './ledger.ts'
import { LedgerQueries } from '../queries/ledger-queries.ts'
import { CountQueries } from '../queries/count-queries.ts'
import { ReportQueries } from '../queries/report-queries.ts'
import { reportSources } from './report-sources.ts'
import { PurchaseQueries } from '../queries/purchase-queries.ts'
import { CustomerQueries } from '../queries/customer-queries.ts'
import { ParkedQueries } from '../queries/parked-queries.ts'
import { ShiftQueries } from '../queries/shift-queries.ts'
import type { Logger } from '../infra/logger.ts'

export const DOC_NAME = 'org'
/**
 * How long after a commit the upkeep runs: the ledger's read indexes are brought up to date in one
 * batch (reads catch them up first anyway) and a large WAL is checkpointed. Both stay out of the
 * commit a cashier waits for and run between requests instead.
 */
export const UPKEEP_DELAY_MS = 1000
/**
 * Commits after which the upkeep copies the WAL back into the database: about 1,000 pages (SQLite's
 * own default) at the ~6 pages a sale writes. Counting commits, not reading the WAL's size: the
 * file keeps its size when SQLite reuses it, which is what keeps commits cheap.
 */
export const CHECKPOINT_EVERY_COMMITS = 160
/** Ledger rows the deferred index adds up per turn of the event loop (~50 ms of work). */
const INDEX_SLICE_ROWS = 2000
/**
 * SQLite's in-commit checkpoint stays on only as a backstop (a burst of large commits, an event
 * loop that never idles): at 4,000 pages it does not run while the upkeep keeps up.
 */
const BACKSTOP_CHECKPOINT_PAGES = 4000
/** A committed document update: its bytes and Yjs origin, the events and products it touched. */
export interface Commit {
  update: Uint8Array
  origin: unknown
  events: Array<{ replicaId: string; event: AllotEvent }>
  productIds: Set<string>
}

/** Origin of the transaction that loads the doc from SQLite: nothing to persist again. */
export const LOAD_ORIGIN = Symbol('allot:load')

/**
 * The durable replica: one Y.Doc whose every update is appended to SQLite together with the ledger
 * rows and catalog index rows it implies, in ONE transaction. Local operations run inside
 * `durable()`, so the check, the Yjs append and the SQLite commit are one synchronous step: when
 * it returns, the change has been fsynced (synchronous=FULL); when it throws, nothing was written.
 */
export class ReplicaStore {
  readonly doc: Y.Doc
  readonly log: YUpdateLog
  readonly ledger: Ledger
  readonly catalog: CatalogIndex
  readonly queries: LedgerQueries
  readonly shifts: ShiftQueries
  readonly parked: ParkedQueries
  readonly customers: CustomerQueries
  readonly counts: CountQueries
  readonly reports: ReportQueries
  readonly purchases: PurchaseQueries
  private readonly db: Database
  private commitsSinceCheckpoint = 0
  private readonly logger: Logger
  private pendingEvents: Array<{ replicaId: string; event: AllotEvent }> = []
  private pendingProducts = new Set<string>()
  private persistError: unknown
  private docChangedInWrite = false
  private brokenReason: string | undefined
  private upkeepTimer: ReturnType<typeof setTimeout> | undefined
  private upkeepSoon: ReturnType<typeof setImmediate> | undefined
  private readonly brokenListeners = new Set<(reason: string) => void>()
  private readonly committedListeners = new Set<(commit: Commit) => void>()

  /** One compiled BEGIN/COMMIT wrapper, reused: building it per call costs more than the insert. */
  private readonly inTransaction: <T>(fn: () => T) => T

  constructor(db: Database, logger: Logger) {
    this.db = db
    const tx = db.transaction((fn: () => unknown) => fn())
    this.inTransaction = <T>(fn: () => T): T => tx(fn) as T
    this.logger = logger
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`)
    this.doc = new Y.Doc({ gc: true })
    this.log = new YUpdateLog(db)
    this.ledger = new Ledger(db)
    this.ledger.index.reportDays.attach(reportSources(this.doc))
    this.catalog = new CatalogIndex(db)
    this.queries = new LedgerQueries(db, this.ledger.index)
    this.shifts = new ShiftQueries(db, this.ledger.index)
    this.parked = new ParkedQueries(db, this.ledger.index)
    this.customers = new CustomerQueries(db)
    this.counts = new CountQueries(db, this.ledger.index)
    this.reports = new ReportQueries(db, this.ledger.index)
    this.purchases = new PurchaseQueries(db, this.ledger.index)
  }

  /** Loads the doc from the update log, then starts persisting every further update. */
  load(): { rows: number; bytes: number } {
    const stats = this.log.load(DOC_NAME, this.doc, LOAD_ORIGIN)
    trimDecodedContent(this.doc)
    if (this.catalog.count() === 0 && getProducts(this.doc).size > 0) this.rebuildCatalogIndex()
    getProducts(this.doc).observeDeep((events) => {
      for (const event of events) {
        // Either the products map itself (a key = product id) or one product's field map.
        if (event instanceof Y.YMapEvent && event.target === getProducts(this.doc)) {
          for (const key of event.keysChanged) this.pendingProducts.add(key)
        } else {
          const parentKey = event.target._item?.parentSub
          if (parentKey) this.pendingProducts.add(parentKey)
        }
      }
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persist(update, origin))
    this.scheduleUpkeep() // rows a crash left unindexed get indexed soon, not at the first report
    return stats
  }

  /** Feeds events the fold accepted into the ledger of the transaction being persisted. */
  attachFold(fold: DocFold): void {
    fold.subscribe((change) => {
      for (const e of change.events) this.pendingEvents.push(e)
    })
  }

  /** Every document update once its SQLite transaction has committed. */
  onCommitted(listener: (commit: Commit) => void): () => void {
    this.committedListeners.add(listener)
    return () => this.committedListeners.delete(listener)
  }

  /**
   * The committed updates with their Yjs origin: what may leave this process (the relay link
   * sends from here, never from inside the transaction).
   */
  readonly durableUpdates = (listener: (update: Uint8Array, origin: unknown) => void): (() => void) =>
    this.onCommitted(({ update, origin }) => listener(update, origin))

  /** Called once if the store breaks: the in-memory doc may then hold a change SQLite does not. */
  onBroken(listener: (reason: string) => void): void {
    this.brokenListeners.add(listener)
  }

  get broken(): string | undefined {
    return this.brokenReason
  }

  private rebuildCatalogIndex(): void {
    const entries: Array<[string, IndexedProduct]> = []
    for (const id of getProducts(this.doc).keys()) {
      const p = readProduct(this.doc, id)
      if (p) entries.push([id, p])
    }
    this.catalog.rebuild(entries)
    // lines recorded before the mirror knew categories (an upgrade) take the products' current ones
    this.db
      .prepare(
        `UPDATE ledger_lines SET category = COALESCE((SELECT category FROM catalog WHERE id = product_id), '')
         WHERE category = ''`,
      )
      .run()
  }

  private persist(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return
    const events = this.pendingEvents
    const productIds = this.pendingProducts
    this.pendingEvents = []
    this.pendingProducts = new Set()
    const write = () => {
      this.log.append(DOC_NAME, update)
      for (const { replicaId, event } of events) this.ledger.record(replicaId, event)
      for (const id of productIds) {
        const p = readProduct(this.doc, id)
        if (p) this.catalog.upsert(id, p)
      }
    }
    try {
      // Inside durable() this joins the caller's transaction; otherwise it is its own.
      if (this.db.inTransaction) write()
      else this.inTransaction(write)
      this.docChangedInWrite = true
      const commit: Commit = { update, origin, events, productIds }
      if (!this.db.inTransaction) this.notify(commit)
      else this.afterCommit.push(() => this.notify(commit))
    } catch (error) {
      this.persistError = error
      this.markBroken(`could not persist a document update: ${String(error)}`)
    }
  }

  private afterCommit: Array<() => void> = []

  private notify(commit: Commit): void {
    this.commitsSinceCheckpoint++
    this.scheduleUpkeep()
    this.callEach(this.committedListeners, (l) => l(commit))
  }

  /** A failing listener is logged and does not stop the others (the commit has happened). */
  private callEach<L>(listeners: Set<L>, call: (listener: L) => void): void {
    for (const l of listeners) {
      try {
        call(l)
      } catch (error) {
        this.logger.error({ err: error }, 'listener failed after commit')
      }
    }
  }

  private markBroken(reason: string): void {
    if (this.brokenReason) return
    this.brokenReason = reason
    // The in-memory doc may now hold a change SQLite does not: refuse every write until restart,
    // and tell the relay link, which must not send that doc's state either.
    this.logger.fatal({ reason }, 'replica store broken; restart the store node')
    this.callEach(this.brokenListeners, (l) => l(reason))
  }

  /**
   * Runs `fn` (which checks and appends through the core) inside one SQLite transaction. The Yjs
   * update it produces is persisted in the same transaction. Returns after the commit.
   */
  durable<T>(fn: () => T): T {
    if (this.brokenReason)
      throw new ApiError('INTERNAL', 'The store must be restarted', { reason: this.brokenReason })
    this.persistError = undefined
    this.docChangedInWrite = false
    this.afterCommit = []
    try {
      const result = this.inTransaction(() => {
        const value = fn()
        if (this.persistError) throw this.persistError
        return value
      })
      const callbacks = this.afterCommit
      this.afterCommit = []
      for (const cb of callbacks) cb()
      return result
    } catch (error) {
      this.afterCommit = []
      if (this.docChangedInWrite || this.persistError)
        this.markBroken(`write failed after the document changed: ${String(error)}`)
      throw error
    }
  }

  private scheduleUpkeep(): void {
    // Due for a checkpoint: right after this answer, so the WAL stays ~1,000 pages and SQLite
    // reuses the file (a WAL that grows makes every commit's fsync update the file's size too).
    if (this.commitsSinceCheckpoint >= CHECKPOINT_EVERY_COMMITS) {
      this.upkeepSoon ??= setImmediate(() => {
        this.upkeepSoon = undefined
        this.upkeep()
      }).unref()
      return
    }
    if (this.upkeepTimer) return
    this.upkeepTimer = setTimeout(() => {
      this.upkeepTimer = undefined
      this.upkeep()
    }, UPKEEP_DELAY_MS)
    this.upkeepTimer.unref()
  }

  /**
   * Indexes the ledger and checkpoints a large WAL; a failure is logged and retried next time. The
   * index moves a slice at a time: a whole ledger to add up (the first start after an upgrade)
   * goes on in the next turns, so sales in between wait for one slice at most.
   */
  upkeep(): void {
    try {
      if (this.ledger.index.catchUpSome(INDEX_SLICE_ROWS)) {
        this.upkeepSoon ??= setImmediate(() => {
          this.upkeepSoon = undefined
          this.upkeep()
        }).unref()
        return
      }
      if (this.db.inTransaction || this.commitsSinceCheckpoint < CHECKPOINT_EVERY_COMMITS) return
      this.db.pragma('wal_checkpoint(PASSIVE)')
      this.commitsSinceCheckpoint = 0
    } catch (error) {
      this.logger.error({ err: error }, 'upkeep after commits failed; it runs again after the next commit')
    }
  }

  /**
   * Stops the deferred work and does one more turn of it (the usual backlog is under a slice); a
   * long one left by an upgrade goes on at the next start.
   */
  close(): void {
    clearTimeout(this.upkeepTimer)
    clearImmediate(this.upkeepSoon)
    this.upkeepTimer = undefined
    this.upkeepSoon = undefined
    this.upkeep()
    clearImmediate(this.upkeepSoon)
    this.upkeepSoon = undefined
  }

  /** Replaces the update log by one update encoded from the live doc. */
  compact(): void {
    this.log.compact(DOC_NAME, this.doc)
  }
}
