/**
 * The fold of every replica's log into the chain's figures (DESIGN.md §4), independent of Yjs:
 * feed it events with `applyRaw(replicaId, raw)` in any order and query it. The Y.Doc binding is
 * in fold.ts.
 *
 * Each replica's events are folded in seq order, each once its `deps` (events of other replicas it
 * relies on) are folded, so every reader sees a consistent cut; the rest waits in a buffer.
 * Per replica it keeps the latest checkpoint plus the events after it (the "tail"). Counters are
 * kept as chain-wide sums per product and replica, so queries cost O(replicas), and each event
 * costs O(its lines). A newer checkpoint replaces the replica's contribution (cost: its tail).
 *
 * Events once folded stay folded until a checkpoint covers them, even if they are deleted from
 * the document meanwhile: a retention deletion may arrive before the checkpoint that covers it.
 */
import { Contribution } from './contribution.ts'
import type { CounterSink, Hold, Order, StockRequest } from './contribution.ts'
import { parseEvent } from './events.ts'
import type { AllotEvent, CheckpointEvent, Customer, SaleEvent } from './events.ts'
import { SCHEMA_VERSION } from './schema.ts'

/** Chain-wide escrow counters of one replica for one product. */
export interface ReplicaCounters {
  inc: number
  dec: number
  /** Rights received from other replicas. */
  in: number
  /** Rights given to other replicas. */
  out: number
}

export type IntegrityAlert =
  /** The same seq seen twice with the same event id. */
  | { kind: 'duplicate-seq'; replicaId: string; seq: number; id: string }
  /** The same seq with different event ids: two live writers claim one replicaId. */
  | { kind: 'clone'; replicaId: string; seq: number; ids: string[] }
  /** Seqs from..to (inclusive) are missing and not covered by a checkpoint. */
  | { kind: 'gap'; replicaId: string; from: number; to: number }
  | { kind: 'negative-rights'; replicaId: string; productId: string; rights: number }
  | { kind: 'malformed'; replicaId: string; seq?: number; error: string }
  /** The document was written by a newer app; this one must not write. */
  | { kind: 'schema-newer'; version: number; supported: number }

/** A sale as seen by this fold, with what has been refunded against it so far. */
export interface SaleRecord {
  saleId: string
  replicaId: string
  at: string
  lines: SaleEvent['lines']
  totals: SaleEvent['totals']
  pricesIncludeTax?: boolean
  customer?: Customer
  /** Units refunded per product (from refund events seen by this fold). */
  refunded: Map<string, number>
}

export interface LogInfo {
  replicaId: string
  /** Highest seq seen (a checkpoint's seq counts). */
  lastSeq: number
  /** Seq of the latest folded checkpoint, 0 if none: every seq below it counts as present. */
  checkpointSeq: number
  /** Every seq up to here is folded (or covered by the checkpoint). */
  frontier: number
  /** Events seen but not folded yet (after a gap, or waiting for events of other replicas). */
  pending: number
  /** Missing seq ranges (inclusive) above the frontier. */
  gaps: Array<{ from: number; to: number }>
  /** Successor, once the replica has retired. */
  retiredTo?: string
}

export interface ProductFigures {
  value: number
  reserved: number
  /** Non-zero rights per replica. */
  rights: Record<string, number>
}

/** Deterministic plain-JSON figures, for comparing folds (tests, diagnostics). */
export interface Figures {
  products: Record<string, ProductFigures>
  holds: Hold[]
  requests: StockRequest[]
  /** Open orders (without statusSeq, which is bookkeeping). */
  orders: Array<Omit<Order, 'statusSeq'>>
}

interface LogTrack {
  replicaId: string
  checkpoint: CheckpointEvent | undefined
  /** Every seq up to here is folded or covered by the checkpoint. */
  frontier: number
  /** Folded events above the checkpoint, by seq (more than one only for clones). */
  tail: Map<number, AllotEvent[]>
  /** Seen but not folded yet: above a missing seq, or waiting for their deps. */
  buffer: Map<number, AllotEvent[]>
  /** Checkpoints in the buffer (they may be folded out of order: they cover what precedes them). */
  bufferedCheckpoints: CheckpointEvent[]
  /** Seqs of malformed events: skipped, but present, so they do not block the log. */
  skipped: Set<number>
  /** seq → id of recent events (from their ids and their successors' `prev`), to expose forks. */
  recentIds: Map<number, string>
  lastSeq: number
  contribution: Contribution
}

export interface FoldOptions {
  /**
   * The replica this fold writes as, if any. Its own events are folded without waiting for their
   * deps: everything that lowers its rights must always count, whatever else is missing.
   */
  self?: string
}

/** How many recent seqs per replica keep their ids for fork detection. */
const RECENT_IDS = 4096

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

export class FoldState {
  /** The replica this fold writes as (see FoldOptions). */
  self: string | undefined
  private readonly counters = new Map<string, Map<string, ReplicaCounters>>()
  private readonly logs = new Map<string, LogTrack>()
  private readonly sticky = new Map<string, IntegrityAlert>()
  private readonly sales = new Map<string, SaleRecord>()
  private readonly refundedBySale = new Map<string, Map<string, number>>()
  /** to → from → highest seq of a folded transfer (or covering checkpoint) from → to. */
  private readonly inbound = new Map<string, Map<string, number>>()
  /** replica → replicas whose next event waits for its frontier to advance. */
  private readonly waiters = new Map<string, Set<string>>()
  private schemaVersion: number | undefined
  /** Products and replicas touched since the last `takeChanges()`. */
  private changedProducts = new Set<string>()
  private changedReplicas = new Set<string>()

  constructor(options: FoldOptions = {}) {
    this.self = options.self
  }

  private readonly sink: CounterSink = {
    inc: (p, r, n) => {
      this.cell(p, r).inc += n
    },
    dec: (p, r, n) => {
      this.cell(p, r).dec += n
    },
    xfer: (p, from, to, n) => {
      this.cell(p, from).out += n
      this.cell(p, to).in += n
      this.changedReplicas.add(to)
    },
  }

  private cell(productId: string, replicaId: string): ReplicaCounters {
    this.changedProducts.add(productId)
    let perReplica = this.counters.get(productId)
    if (!perReplica) {
      perReplica = new Map()
      this.counters.set(productId, perReplica)
    }
    let c = perReplica.get(replicaId)
    if (!c) {
      c = { inc: 0, dec: 0, in: 0, out: 0 }
      perReplica.set(replicaId, c)
    }
    return c
  }

  private track(replicaId: string): LogTrack {
    let t = this.logs.get(replicaId)
    if (!t) {
      t = {
        replicaId,
        checkpoint: undefined,
        frontier: 0,
        tail: new Map(),
        buffer: new Map(),
        bufferedCheckpoints: [],
        skipped: new Set(),
        recentIds: new Map(),
        lastSeq: 0,
        contribution: new Contribution(replicaId),
      }
      this.logs.set(replicaId, t)
    }
    return t
  }

  private alert(key: string, a: IntegrityAlert): void {
    if (!this.sticky.has(key)) this.sticky.set(key, a)
  }

  private cloneAlert(replicaId: string, seq: number, ids: string[]): void {
    const key = `clone:${replicaId}:${seq}`
    const prev = this.sticky.get(key)
    const all = new Set([...(prev?.kind === 'clone' ? prev.ids : []), ...ids])
    this.sticky.set(key, { kind: 'clone', replicaId, seq, ids: [...all].sort() })
  }

  /** Records the document's schema version (from `meta`). */
  setSchemaVersion(version: number | undefined): void {
    this.schemaVersion = version
  }

  /** True when the document is newer than this code: writing must stay off. */
  get readOnlySchema(): boolean {
    return this.schemaVersion !== undefined && this.schemaVersion > SCHEMA_VERSION
  }

  /**
   * For a whole-document fold: if `raw` sits below the replica's folded checkpoint, records it the
   * way a covered event is recorded (its seq and id for fork detection) without validating or
   * folding it, and returns true. Only the two plain fields are read, each type-checked.
   */
  skipIfCovered(replicaId: string, raw: unknown): boolean {
    const t = this.logs.get(replicaId)
    const cp = t?.checkpoint
    if (!t || !cp || !raw || typeof raw !== 'object') return false
    const { seq, id, prev } = raw as { seq?: unknown; id?: unknown; prev?: unknown }
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1 || seq >= cp.seq) return false
    if (typeof id !== 'string') return false
    this.checkHistory(t, seq, id)
    if (typeof prev === 'string' && seq > 1) this.checkHistory(t, seq - 1, prev)
    return true
  }

  /**
   * Validates and folds one event from `log:<replicaId>`. Malformed events become alerts and are
   * skipped; this never throws. Returns the event unless it was malformed or an exact duplicate
   * (it may still wait in the buffer: see `logInfo().pending`).
   */
  applyRaw(replicaId: string, raw: unknown): AllotEvent | undefined {
    const parsed = parseEvent(raw)
    if (!parsed.ok) {
      const seq =
        raw && typeof raw === 'object' && typeof (raw as { seq?: unknown }).seq === 'number'
          ? (raw as { seq: number }).seq
          : undefined
      const a: IntegrityAlert = { kind: 'malformed', replicaId, error: parsed.error }
      if (seq !== undefined) a.seq = seq
      this.alert(`malformed:${replicaId}:${seq ?? '?'}:${parsed.error}`, a)
      if (seq !== undefined && Number.isSafeInteger(seq) && seq > 0) {
        // Skip it but keep its seq as present, so the replica's later events still fold.
        const t = this.track(replicaId)
        if (seq > t.lastSeq) t.lastSeq = seq
        if (seq > t.frontier) {
          t.skipped.add(seq)
          this.drainFrom(t)
        }
      }
      return undefined
    }
    return this.apply(replicaId, parsed.event) ? parsed.event : undefined
  }

  /**
   * Folds one already validated event. A replica's events are folded in seq order, each once its
   * deps are folded; the others wait in a buffer. A checkpoint may jump the frontier forward.
   */
  apply(replicaId: string, e: AllotEvent): boolean {
    const t = this.track(replicaId)
    this.changedReplicas.add(replicaId)
    if (e.seq > t.lastSeq) t.lastSeq = e.seq
    this.checkHistory(t, e.seq, e.id)
    if (e.prev !== undefined && e.seq > 1) this.checkHistory(t, e.seq - 1, e.prev)
    if (e.seq <= t.frontier) return this.applyBehindFrontier(t, e)
    const same = t.buffer.get(e.seq)
    if (same) {
      if (same.some((x) => x.id === e.id)) {
        this.alert(`dup:${replicaId}:${e.seq}`, { kind: 'duplicate-seq', replicaId, seq: e.seq, id: e.id })
        return false
      }
      same.push(e)
      this.cloneAlert(
        replicaId,
        e.seq,
        same.map((x) => x.id),
      )
    } else {
      t.buffer.set(e.seq, [e])
    }
    if (e.type === 'checkpoint') t.bufferedCheckpoints.push(e)
    this.drainFrom(t)
    return true
  }

  /**
   * Declares the replica this fold writes as (once), and folds its buffered events at once: its
   * own events never wait for deps.
   */
  setSelf(replicaId: string): void {
    if (this.self === replicaId) return
    if (this.self !== undefined) throw new Error(`This fold already writes as ${this.self}`)
    this.self = replicaId
    this.drainFrom(this.track(replicaId))
    this.takeChanges()
  }

  /** An event at a seq already folded or covered: a duplicate, a clone, or simply covered. */
  private applyBehindFrontier(t: LogTrack, e: AllotEvent): boolean {
    const cp = t.checkpoint
    if (cp && e.seq < cp.seq) return true // covered by the checkpoint (retention kept it)
    const folded: AllotEvent[] = cp && e.seq === cp.seq ? [cp] : (t.tail.get(e.seq) ?? [])
    if (folded.some((x) => x.id === e.id)) {
      this.alert(`dup:${t.replicaId}:${e.seq}`, {
        kind: 'duplicate-seq',
        replicaId: t.replicaId,
        seq: e.seq,
        id: e.id,
      })
      return false
    }
    this.cloneAlert(t.replicaId, e.seq, [...folded.map((x) => x.id), e.id])
    if (e.type === 'checkpoint' || (cp && e.seq === cp.seq)) return true
    // Two writers used one replicaId. Both events really happened, so both count: the figures
    // then show the damage (often negative rights) instead of a plausible number.
    const list = t.tail.get(e.seq)
    if (list) list.push(e)
    else t.tail.set(e.seq, [e])
    this.foldEvent(t, e)
    return true
  }

  /** Records that `id` is the event at `seq`; a different id seen there before means a fork. */
  private checkHistory(t: LogTrack, seq: number, id: string): void {
    const known = t.recentIds.get(seq)
    if (known === undefined) {
      t.recentIds.set(seq, id)
      if (t.recentIds.size > 2 * RECENT_IDS) {
        const keep = [...t.recentIds.keys()].sort((a, b) => b - a).slice(0, RECENT_IDS)
        const kept = new Map(keep.map((k) => [k, t.recentIds.get(k) ?? '']))
        t.recentIds.clear()
        for (const [k, v] of kept) t.recentIds.set(k, v)
      }
    } else if (known !== id) this.cloneAlert(t.replicaId, seq, [known, id])
  }

  /** Id of the event at the replica's last seq, if known (the `prev` of its next event). */
  lastId(replicaId: string): string | undefined {
    const t = this.logs.get(replicaId)
    return t ? t.recentIds.get(t.lastSeq) : undefined
  }

  /** While resolving a cycle: frontiers the logs are known to reach together. */
  private assumed: Map<string, number> | undefined

  private frontierOf(replicaId: string): number {
    const real = this.logs.get(replicaId)?.frontier ?? 0
    return Math.max(real, this.assumed?.get(replicaId) ?? 0)
  }

  private depsMet(t: LogTrack, e: AllotEvent, frontier: (r: string) => number): boolean {
    if (t.replicaId === this.self || !e.deps) return true
    for (const [r, seq] of Object.entries(e.deps)) if (r !== t.replicaId && frontier(r) < seq) return false
    return true
  }

  private ready(t: LogTrack, e: AllotEvent): boolean {
    if (t.replicaId === this.self || !e.deps) return true
    for (const [r, seq] of Object.entries(e.deps)) {
      if (r === t.replicaId || this.frontierOf(r) >= seq) continue
      let w = this.waiters.get(r)
      if (!w) {
        w = new Set()
        this.waiters.set(r, w)
      }
      w.add(t.replicaId)
      return false
    }
    return true
  }

  /** Folds what became foldable in `start`, then in every log that was waiting on it. */
  private drainFrom(start: LogTrack): void {
    this.drainQueue([start])
    this.resolveCycles()
  }

  private drainQueue(queue: LogTrack[]): void {
    for (let t = queue.shift(); t; t = queue.shift()) {
      if (!this.drain(t)) continue
      const woken = this.waiters.get(t.replicaId)
      if (!woken) continue
      this.waiters.delete(t.replicaId)
      for (const r of woken) queue.push(this.track(r))
    }
  }

  /** How far `t` could fold if every log reached `frontier(r)` (no side effects). */
  private reach(t: LogTrack, frontier: (r: string) => number): number {
    let pos = t.frontier
    for (;;) {
      const start = pos
      for (const cp of t.bufferedCheckpoints) if (cp.seq > pos && this.depsMet(t, cp, frontier)) pos = cp.seq
      for (;;) {
        const next = t.buffer.get(pos + 1)
        if (next ? next.every((e) => this.depsMet(t, e, frontier)) : t.skipped.has(pos + 1)) pos += 1
        else break
      }
      if (pos === start) return pos
    }
  }

  /**
   * A checkpoint may cover the very events that another log's buffered event waits for, while
   * itself waiting for that event (b's checkpoint covers b's transfer to c; c's next event needs
   * that transfer; the checkpoint needs c's event). Such sets are consistent cuts and fold
   * together: the greatest set of buffered events whose deps are met within the set.
   * Only checkpoints can close such a loop, so this runs only while one is buffered.
   */
  private resolveCycles(): void {
    const stuck = [...this.logs.values()].filter((t) => t.bufferedCheckpoints.length > 0)
    if (stuck.length === 0) return
    const withBuffer = [...this.logs.values()].filter((t) => t.buffer.size > 0 || t.skipped.size > 0)
    const optimistic = new Map<string, number>()
    for (const t of withBuffer)
      optimistic.set(
        t.replicaId,
        this.reach(t, () => Number.POSITIVE_INFINITY),
      )
    const frontier = (r: string): number => optimistic.get(r) ?? this.logs.get(r)?.frontier ?? 0
    for (let changed = true; changed;) {
      changed = false
      for (const t of withBuffer) {
        const pos = this.reach(t, frontier)
        if (pos < (optimistic.get(t.replicaId) ?? 0)) {
          optimistic.set(t.replicaId, pos)
          changed = true
        }
      }
    }
    const movable = withBuffer.filter((t) => (optimistic.get(t.replicaId) ?? 0) > t.frontier)
    if (movable.length === 0) return
    this.assumed = optimistic
    try {
      this.drainQueue(movable)
    } finally {
      this.assumed = undefined
    }
  }

  /** Advances one log's frontier as far as possible. Returns whether it moved. */
  private drain(t: LogTrack): boolean {
    const before = t.frontier
    for (;;) {
      // A ready checkpoint beyond the frontier covers everything before it.
      let jump: CheckpointEvent | undefined
      for (const cp of t.bufferedCheckpoints)
        if (
          cp.seq > t.frontier &&
          this.ready(t, cp) &&
          (!jump || cp.seq > jump.seq || (cp.seq === jump.seq && cp.id < jump.id))
        )
          jump = cp
      if (jump) {
        this.applyCheckpoint(t, jump)
        for (const seq of [...t.buffer.keys()]) if (seq < jump.seq) t.buffer.delete(seq)
        for (const seq of [...t.skipped]) if (seq <= jump.seq) t.skipped.delete(seq)
        const atJump = (t.buffer.get(jump.seq) ?? []).filter((x) => x.id !== jump.id)
        t.buffer.delete(jump.seq)
        t.frontier = jump.seq
        for (const other of atJump) this.applyBehindFrontier(t, other)
      }
      const next = t.buffer.get(t.frontier + 1)
      if (!next && t.skipped.delete(t.frontier + 1)) {
        t.frontier += 1
        continue
      }
      if (!next || !next.every((e) => this.ready(t, e))) break
      t.buffer.delete(t.frontier + 1)
      t.frontier += 1
      for (const e of next) {
        if (e.type === 'checkpoint') this.applyCheckpoint(t, e)
        else {
          const list = t.tail.get(e.seq)
          if (list) list.push(e)
          else t.tail.set(e.seq, [e])
          this.foldEvent(t, e)
        }
      }
    }
    t.bufferedCheckpoints = t.bufferedCheckpoints.filter((cp) => cp.seq > t.frontier)
    return t.frontier > before
  }

  private noteInbound(to: string, from: string, seq: number): void {
    let m = this.inbound.get(to)
    if (!m) {
      m = new Map()
      this.inbound.set(to, m)
    }
    if ((m.get(from) ?? 0) < seq) m.set(from, seq)
  }

  private foldEvent(t: LogTrack, e: AllotEvent): void {
    t.contribution.apply(e, this.sink)
    if (e.type === 'transfer') this.noteInbound(e.to, t.replicaId, e.seq)
    else if (e.type === 'sale') {
      const rec: SaleRecord = {
        saleId: e.id,
        replicaId: t.replicaId,
        at: e.at,
        lines: e.lines,
        totals: e.totals,
        refunded: this.refundedBySale.get(e.id) ?? new Map(),
      }
      if (e.customer) rec.customer = e.customer
      if (e.pricesIncludeTax) rec.pricesIncludeTax = true
      this.refundedBySale.set(e.id, rec.refunded)
      this.sales.set(e.id, rec)
    } else if (e.type === 'refund' && e.saleId !== undefined) {
      let refunded = this.refundedBySale.get(e.saleId)
      if (!refunded) {
        refunded = new Map()
        this.refundedBySale.set(e.saleId, refunded)
      }
      for (const line of e.lines) refunded.set(line.productId, (refunded.get(line.productId) ?? 0) + line.qty)
    }
  }

  private applyCheckpoint(t: LogTrack, cp: CheckpointEvent): void {
    const current = t.checkpoint
    if (current) {
      if (cp.seq < current.seq) return
      if (cp.seq === current.seq) {
        if (cp.id === current.id) return
        this.cloneAlert(t.replicaId, cp.seq, [current.id, cp.id])
        if (cp.id > current.id) return // deterministic pick, so every replica agrees
      }
    }
    // Replace the contribution: checkpoint totals, then the folded events after it.
    t.contribution.withdraw(this.sink)
    t.checkpoint = cp
    for (const seq of [...t.tail.keys()]) if (seq <= cp.seq) t.tail.delete(seq)
    t.contribution = Contribution.fromCheckpoint(t.replicaId, cp, this.sink)
    for (const seq of [...t.tail.keys()].sort((a, b) => a - b))
      for (const e of t.tail.get(seq) ?? []) t.contribution.apply(e, this.sink)
    for (const [productId, totals] of Object.entries(cp.totals)) {
      this.changedProducts.add(productId)
      for (const to of Object.keys(totals.out)) this.noteInbound(to, t.replicaId, cp.seq)
    }
  }

  /**
   * Deps for the next event `replicaId` writes: the latest transfer (or covering checkpoint) from
   * each replica that gave it rights, as folded here.
   */
  inboundDeps(replicaId: string): Map<string, number> {
    return new Map(this.inbound.get(replicaId) ?? [])
  }

  /** Products and replicas whose figures may have changed since the last call. */
  takeChanges(): { productIds: Set<string>; replicaIds: Set<string> } {
    const out = { productIds: this.changedProducts, replicaIds: this.changedReplicas }
    this.changedProducts = new Set()
    this.changedReplicas = new Set()
    return out
  }

  // ---- escrow figures ----

  /** Every product that has any counter. */
  productIds(): string[] {
    return [...this.counters.keys()].sort()
  }

  /** Every replica that has a log (or received a transfer). */
  replicaIds(): string[] {
    const ids = new Set(this.logs.keys())
    for (const perReplica of this.counters.values()) for (const r of perReplica.keys()) ids.add(r)
    return [...ids].sort()
  }

  /** The raw escrow counters of one replica for one product (zeros if none). */
  counts(productId: string, replicaId: string): ReplicaCounters {
    const c = this.counters.get(productId)?.get(replicaId)
    return c ? { ...c } : { inc: 0, dec: 0, in: 0, out: 0 }
  }

  /** The chain's quantity of a product: Σ inc − Σ dec. */
  value(productId: string): number {
    let v = 0
    for (const c of this.counters.get(productId)?.values() ?? []) v += c.inc - c.dec
    return v
  }

  /** What `replicaId` may still sell: inc + in − out − dec. */
  rights(productId: string, replicaId: string): number {
    const c = this.counters.get(productId)?.get(replicaId)
    return c ? c.inc + c.in - c.out - c.dec : 0
  }

  /** Rights of every replica with counters for the product. */
  rightsByReplica(productId: string): Map<string, number> {
    const out = new Map<string, number>()
    for (const [r, c] of this.counters.get(productId) ?? []) out.set(r, c.inc + c.in - c.out - c.dec)
    return out
  }

  /** Replicas with positive rights to the product, most first (ties by id). */
  holders(productId: string, except?: string): Array<{ replicaId: string; rights: number }> {
    const out: Array<{ replicaId: string; rights: number }> = []
    for (const [replicaId, rights] of this.rightsByReplica(productId))
      if (rights > 0 && replicaId !== except) out.push({ replicaId, rights })
    return out.sort((a, b) => b.rights - a.rights || (a.replicaId < b.replicaId ? -1 : 1))
  }

  // ---- holds, requests, orders ----

  /** Open holds (optionally of one replica or product). */
  openHolds(filter: { replicaId?: string; productId?: string } = {}): Hold[] {
    const out: Hold[] = []
    for (const t of this.logs.values()) {
      if (filter.replicaId !== undefined && t.replicaId !== filter.replicaId) continue
      for (const h of t.contribution.openHolds())
        if (filter.productId === undefined || h.productId === filter.productId) out.push(h)
    }
    return out.sort(byKey((h) => h.holdId))
  }

  /** Units held by open holds (chain-wide, or of one replica). */
  reserved(productId: string, replicaId?: string): number {
    let n = 0
    for (const h of this.openHolds(replicaId === undefined ? { productId } : { productId, replicaId }))
      n += h.qty
    return n
  }

  /** A hold and whether it is still open; undefined if unknown (or forgotten after a checkpoint). */
  hold(holdId: string): (Hold & { open: boolean }) | undefined {
    for (const t of this.logs.values()) {
      const h = t.contribution.holds.get(holdId)
      if (h) return { ...h, open: !t.contribution.closedHolds.has(holdId) }
    }
    return undefined
  }

  private isAnswered(requestId: string): boolean {
    for (const t of this.logs.values()) if (t.contribution.answered.has(requestId)) return true
    return false
  }

  /** Requests neither cancelled by their requester nor answered by their donor. */
  outstandingRequests(
    filter: { productId?: string; donor?: string; replicaId?: string } = {},
  ): StockRequest[] {
    const out: StockRequest[] = []
    for (const t of this.logs.values()) {
      if (filter.replicaId !== undefined && t.replicaId !== filter.replicaId) continue
      for (const r of t.contribution.liveRequests()) {
        if (filter.productId !== undefined && r.productId !== filter.productId) continue
        if (filter.donor !== undefined && r.donor !== filter.donor) continue
        if (!this.isAnswered(r.requestId)) out.push(r)
      }
    }
    return out.sort(byKey((r) => r.requestId))
  }

  /** A request with its state; undefined if unknown. */
  request(
    requestId: string,
  ): (StockRequest & { state: 'outstanding' | 'answered' | 'cancelled' }) | undefined {
    for (const t of this.logs.values()) {
      const r = t.contribution.requests.get(requestId)
      if (!r) continue
      const state = t.contribution.cancelledRequests.has(requestId)
        ? 'cancelled'
        : this.isAnswered(requestId)
          ? 'answered'
          : 'outstanding'
      return { ...r, state }
    }
    return undefined
  }

  /** Orders not yet delivered or cancelled. */
  openOrders(): Order[] {
    const out: Order[] = []
    for (const t of this.logs.values()) for (const o of t.contribution.openOrders()) out.push(o)
    return out.sort(byKey((o) => o.orderId))
  }

  /** An order (terminal ones only until their owner's next checkpoint). */
  order(orderId: string): Order | undefined {
    for (const t of this.logs.values()) {
      const o = t.contribution.orders.get(orderId)
      if (o) return o
    }
    return undefined
  }

  /** A sale seen by this fold, with refunds seen so far. */
  sale(saleId: string): SaleRecord | undefined {
    return this.sales.get(saleId)
  }

  // ---- per replica ----

  /** Seq bookkeeping of one replica's log. */
  logInfo(replicaId: string): LogInfo {
    const t = this.logs.get(replicaId)
    if (!t) return { replicaId, lastSeq: 0, checkpointSeq: 0, frontier: 0, pending: 0, gaps: [] }
    const checkpointSeq = t.checkpoint?.seq ?? 0
    const gaps: Array<{ from: number; to: number }> = []
    let from = 0
    let pending = 0
    for (let s = t.frontier + 1; s <= t.lastSeq; s++) {
      const buffered = t.buffer.get(s)
      if (buffered) pending += buffered.length
      if (!buffered && !t.skipped.has(s)) {
        if (!from) from = s
      } else if (from) {
        gaps.push({ from, to: s - 1 })
        from = 0
      }
    }
    if (from) gaps.push({ from, to: t.lastSeq })
    const info: LogInfo = {
      replicaId,
      lastSeq: t.lastSeq,
      checkpointSeq,
      frontier: t.frontier,
      pending,
      gaps,
    }
    if (t.contribution.retiredTo !== undefined) info.retiredTo = t.contribution.retiredTo
    return info
  }

  /** The replica's own contribution (its counters and the open state it owns), for checkpoints. */
  contribution(replicaId: string): Contribution | undefined {
    return this.logs.get(replicaId)?.contribution
  }

  /** Every integrity alert: sticky ones (clones, duplicates, malformed) and current ones. */
  alerts(): IntegrityAlert[] {
    const out: IntegrityAlert[] = [...this.sticky.values()]
    if (this.readOnlySchema && this.schemaVersion !== undefined)
      out.push({ kind: 'schema-newer', version: this.schemaVersion, supported: SCHEMA_VERSION })
    for (const replicaId of [...this.logs.keys()].sort())
      for (const g of this.logInfo(replicaId).gaps) out.push({ kind: 'gap', replicaId, ...g })
    for (const productId of this.productIds())
      for (const [replicaId, rights] of this.rightsByReplica(productId))
        if (rights < 0) out.push({ kind: 'negative-rights', replicaId, productId, rights })
    return out
  }

  /** Deterministic business figures: equal folds give deep-equal results. */
  figures(): Figures {
    const products: Record<string, ProductFigures> = {}
    for (const productId of this.productIds()) {
      const rights: Record<string, number> = {}
      for (const [r, n] of [...this.rightsByReplica(productId)].sort(byKey(([k]) => k)))
        if (n !== 0) rights[r] = n
      const value = this.value(productId)
      const reserved = this.reserved(productId)
      if (value !== 0 || reserved !== 0 || Object.keys(rights).length > 0)
        products[productId] = { value, reserved, rights }
    }
    return {
      products,
      holds: this.openHolds(),
      requests: this.outstandingRequests(),
      orders: this.openOrders().map(({ statusSeq: _seq, ...o }) => o),
    }
  }
}
