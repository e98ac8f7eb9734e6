import { getLog } from '../../shared/core/schema.ts'
import type { ReplicaOps } from '../../shared/core/operations.ts'
import type { SyncStatus } from '../../shared/api/views.ts'
import type { NodeContext } from '../api/context.ts'
import type { Logger } from '../infra/logger.ts'

/** Own events a till keeps in the document at most (see Upkeep.checkpointIfSafe). */
export const MAX_RETAINED_OWN_EVENTS = 20_000

const SIX_HOURS = 6 * 3600_000

export interface UpkeepPorts {
  ctx: NodeContext
  logger: Logger
  ops(): ReplicaOps
  relayStatus(): SyncStatus
}

/**
 * The store node's background jobs: backups, expired holds, checkpoints that keep the document
 * bounded, and compaction of the update log. Each is also callable directly (tests, benches).
 */
export class Upkeep {
  private readonly ports: UpkeepPorts
  private readonly timers: NodeJS.Timeout[] = []

  constructor(ports: UpkeepPorts) {
    this.ports = ports
  }

  start(): void {
    const { ctx } = this.ports
    this.every(
      60_000,
      () =>
        ctx.backups.newestAgeMs() > SIX_HOURS && ctx.identity().orgId ? ctx.backups.create() : undefined,
      'backup',
    )
    this.every(30_000, () => this.releaseExpiredHolds(), 'expire-holds')
    this.every(
      60_000,
      () => {
        this.checkpointIfLarge()
        this.compactIfLarge()
      },
      'compact',
    )
    this.every(SIX_HOURS, () => this.checkpointIfSafe(), 'checkpoint')
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t)
  }

  releaseExpiredHolds(): number {
    const { ctx } = this.ports
    if (ctx.gate.whyNotWrite()) return 0
    return ctx.store.durable(() => this.ports.ops().releaseExpired({ by: 'system' })).length
  }

  /**
   * Appends a checkpoint and deletes our own events older than the retention window, keeping the
   * document bounded. Only when the relay has acknowledged everything: an event deleted before
   * the relay received it would reach the relay as a tombstone and be missing from its archive.
   * The full history stays in this store's ledger either way.
   *
   * The window is also capped by count: a till that sells so much that its window holds more than
   * `maxRetained` of its own events keeps only the newest ones, so the document (which lives in
   * memory and is loaded at every start) stays bounded by the store's size, not by its sales
   * volume. Stores offline longer than the shortened window get those sales from the relay's
   * archive and the checkpoint's totals, as they would after the time window.
   */
  checkpointIfSafe(
    retentionMs = 30 * 24 * 3600_000,
    maxRetained = MAX_RETAINED_OWN_EVENTS,
  ): number | undefined {
    const { ctx } = this.ports
    if (ctx.gate.whyNotWrite()) return undefined
    const sync = this.ports.relayStatus()
    if (sync.linked && (sync.state !== 'online' || sync.pendingEvents > 0)) return undefined
    const retention = Math.min(retentionMs, this.retentionKeeping(maxRetained))
    return ctx.store.durable(() => this.ports.ops().checkpoint({ by: 'system', retentionMs: retention }))
      .deleted
  }

  /** Checkpoints ahead of the six-hourly schedule once the own log is well over its cap. */
  checkpointIfLarge(maxRetained = MAX_RETAINED_OWN_EVENTS): number | undefined {
    const { ctx } = this.ports
    const own = getLog(ctx.store.doc, ctx.identity().replicaId).length
    return own > maxRetained * 1.2 ? this.checkpointIfSafe(undefined, maxRetained) : undefined
  }

  compactIfLarge(): boolean {
    const { store } = this.ports.ctx
    if (store.log.stats('org').rows < 5000) return false
    store.compact()
    return true
  }

  /** The retention that keeps the newest `count` own events (infinite when there are fewer). */
  private retentionKeeping(count: number): number {
    const { ctx } = this.ports
    const log = getLog(ctx.store.doc, ctx.identity().replicaId)
    if (log.length <= count) return Number.POSITIVE_INFINITY
    const at = Date.parse(String((log.get(log.length - count) as { at?: unknown } | undefined)?.at))
    return Number.isFinite(at) ? Math.max(0, ctx.nowMs() - at) : Number.POSITIVE_INFINITY
  }

  private every(ms: number, job: () => unknown, name: string): void {
    const timer = setInterval(() => {
      try {
        void Promise.resolve(job()).catch((error: unknown) =>
          this.ports.logger.error({ err: error, job: name }, 'background job failed'),
        )
      } catch (error) {
        this.ports.logger.error({ err: error, job: name }, 'background job failed')
      }
    }, ms)
    timer.unref()
    this.timers.push(timer)
  }
}
