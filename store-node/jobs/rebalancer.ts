import type { DocFold } from '../../shared/core/fold.ts'
import type { ReplicaOps } from '../../shared/core/operations.ts'
import { lowWaterMark } from '../../shared/core/rebalance.ts'
import { readProduct, type StockPolicy } from '../../shared/core/schema.ts'
import { localIso } from '../infra/clock.ts'
import type { NodeContext } from '../api/context.ts'

export interface RebalanceSettings {
  /** Units a store keeps for itself before it grants (per product). */
  floor: number
  /** The configured minimum low-water mark: ask when rights fall below it. */
  minimum: number
  /** Recent sales speed is measured over this window. */
  windowMs: number
  /** Stock should last this long while a request is answered. */
  leadTimeMs: number
  minIntervalMs: number
  answerTimeoutMs: number
}

export const defaultRebalanceSettings: RebalanceSettings = {
  floor: 0,
  minimum: 1,
  windowMs: 7 * 24 * 3600_000,
  leadTimeMs: 24 * 3600_000,
  minIntervalMs: 60_000,
  answerTimeoutMs: 15 * 60_000,
}

/**
 * What the rebalancer reads and writes. The store node passes its context (nodeRebalancePorts);
 * a simulation passes its own Y.Docs, clock and sale records, and runs the very same decisions.
 */
export interface RebalancePorts {
  /** This replica's id, or undefined while it must not rebalance (offline, no organization, sales locked, read-only). */
  activeReplica(): string | undefined
  nowMs(): number
  readonly fold: Pick<DocFold, 'outstandingRequests'>
  ops(): Pick<ReplicaOps, 'grantRequests' | 'askForStock'>
  readonly policyOf: (productId: string) => StockPolicy | undefined
  /** Who made a request (its event's `by`), if known. */
  requestedBy(requestId: string): string | undefined
  /** Units of each product this replica sold at or after `sinceMs`. */
  soldSince(replicaId: string, sinceMs: number): ReadonlyMap<string, number>
  /** Runs a write so that it is persisted with the document update it produces. */
  durable<T>(write: () => T): T
  warn(error: unknown): void
}

/** Timers (real ones in the store node, simulated time in the benchmark). */
export interface RebalanceTimers {
  /** Runs `run` every `ms`; returns a function that stops it. */
  every(ms: number, run: () => void): () => void
  /** Runs `run` once after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void
}

const nodeTimers: RebalanceTimers = {
  every(ms, run) {
    const timer = setInterval(run, ms)
    timer.unref()
    return () => clearInterval(timer)
  },
  after(ms, run) {
    const timer = setTimeout(run, ms)
    return () => clearTimeout(timer)
  },
}

/** The store node's context as rebalancing ports. */
export function nodeRebalancePorts(ctx: NodeContext, isOnline: () => boolean): RebalancePorts {
  return {
    activeReplica: () => (isOnline() && !ctx.gate.whyNotWrite() ? ctx.identity().replicaId : undefined),
    nowMs: () => ctx.nowMs(),
    fold: ctx.fold,
    ops: () => ctx.ops(),
    policyOf: (productId) => readProduct(ctx.doc, productId)?.policy,
    requestedBy: (requestId) => ctx.store.ledger.event(requestId, 'request')?.event.by,
    // Ledger times carry the local offset (ctx.nowIso), so the bound does too.
    soldSince: (replicaId, sinceMs) => ctx.store.queries.soldSince(replicaId, localIso(new Date(sinceMs))),
    durable: (write) => ctx.store.durable(write),
    warn: (error) => ctx.logger.warn({ err: error }, 'rebalancing skipped'),
  }
}

/**
 * One rebalancing pass: grant the requests addressed to this replica, then ask for stock of the
 * `pool` products it sold recently or still waits for. The core plans what to append (planGrants,
 * planRequests); this picks the inputs and appends durably.
 */
export function rebalanceOnce(
  ports: RebalancePorts,
  s: RebalanceSettings,
): { granted: number; asked: number } {
  const result = { granted: 0, asked: 0 }
  const me = ports.activeReplica()
  if (me === undefined) return result
  const policyOf = ports.policyOf
  try {
    const sold = ports.soldSince(me, ports.nowMs() - s.windowMs)
    const recentSales = (productId: string) => sold.get(productId) ?? 0
    // A donor keeps its own low-water mark: what it gave beyond that it would only ask back.
    const lowWater = (productId: string) =>
      lowWaterMark(recentSales(productId), s.windowMs, s.leadTimeMs, s.minimum)
    result.granted = ports.durable(() =>
      ports.ops().grantRequests({ by: 'system', floor: () => s.floor, lowWater, policyOf }),
    ).length
    const productIds = new Set(sold.keys())
    for (const r of ports.fold.outstandingRequests({ replicaId: me })) {
      // A request a person made stays until answered or cancelled by a person: the automatic
      // policy leaves that product alone instead of withdrawing it.
      if (ports.requestedBy(r.requestId) !== 'system') productIds.delete(r.productId)
      else productIds.add(r.productId)
    }
    if (productIds.size > 0) {
      result.asked = ports.durable(() =>
        ports.ops().askForStock({
          by: 'system',
          productIds: [...productIds],
          policyOf,
          recentSales,
          windowMs: s.windowMs,
          leadTimeMs: s.leadTimeMs,
          minimum: () => s.minimum,
          minIntervalMs: s.minIntervalMs,
          answerTimeoutMs: s.answerTimeoutMs,
        }),
      ).length
    }
  } catch (error) {
    ports.warn(error)
  }
  return result
}

/**
 * Schedules rebalancing while the store is online: every 2 s, and shortly after remote requests
 * or transfers arrive (poke). The core decides what to append; this only decides when.
 */
export class Rebalancer {
  private readonly ports: RebalancePorts
  private readonly settings: () => RebalanceSettings
  private readonly timers: RebalanceTimers
  private stopTimer: (() => void) | undefined
  private cancelSoon: (() => void) | undefined

  constructor(
    ports: RebalancePorts,
    settings: () => RebalanceSettings = () => defaultRebalanceSettings,
    timers: RebalanceTimers = nodeTimers,
  ) {
    this.ports = ports
    this.settings = settings
    this.timers = timers
  }

  start(intervalMs = 2000): void {
    this.stopTimer?.()
    this.stopTimer = this.timers.every(intervalMs, () => this.run())
  }

  /** Run shortly (after remote requests or transfers arrive), coalescing bursts. */
  poke(): void {
    this.cancelSoon ??= this.timers.after(50, () => {
      this.cancelSoon = undefined
      this.run()
    })
  }

  /** Whether a poke is waiting to run. */
  get poked(): boolean {
    return this.cancelSoon !== undefined
  }

  stop(): void {
    this.stopTimer?.()
    this.stopTimer = undefined
    this.cancelSoon?.()
    this.cancelSoon = undefined
  }

  run(): { granted: number; asked: number } {
    return rebalanceOnce(this.ports, this.settings())
  }
}
