import { readProduct } from '../shared/core/schema.ts'
import type { NodeContext } from './context.ts'

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
 * Schedules the core's rebalancing planners while the store is online: grants requests addressed
 * to this till, and asks for stock of `pool` products whose rights fall below the low-water mark.
 * The core decides what to append; this only decides when, and appends durably.
 */
export class Rebalancer {
  private readonly ctx: NodeContext
  private readonly isOnline: () => boolean
  private readonly settings: () => RebalanceSettings
  private timer: NodeJS.Timeout | undefined
  private soon: NodeJS.Timeout | undefined

  constructor(
    ctx: NodeContext,
    isOnline: () => boolean,
    settings: () => RebalanceSettings = () => defaultRebalanceSettings,
  ) {
    this.ctx = ctx
    this.isOnline = isOnline
    this.settings = settings
  }

  start(intervalMs = 2000): void {
    this.timer = setInterval(() => this.run(), intervalMs)
    this.timer.unref()
  }

  /** Run shortly (after remote requests or transfers arrive), coalescing bursts. */
  poke(): void {
    this.soon ??= setTimeout(() => {
      this.soon = undefined
      this.run()
    }, 50)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.soon) clearTimeout(this.soon)
  }

  run(): { granted: number; asked: number } {
    const result = { granted: 0, asked: 0 }
    if (!this.isOnline() || !this.ctx.identity().orgId || this.ctx.salesLocked() || this.ctx.readOnly())
      return result
    const s = this.settings()
    const me = this.ctx.identity().replicaId
    const policyOf = (productId: string) => readProduct(this.ctx.doc, productId)?.policy
    try {
      result.granted = this.ctx.store.durable(() =>
        this.ctx.ops().grantRequests({ by: 'system', floor: () => s.floor, policyOf }),
      ).length
      const since = new Date(this.ctx.nowMs() - s.windowMs).toISOString()
      const sold = this.ctx.store.queries.soldSince(me, since)
      const productIds = new Set(sold.keys())
      for (const r of this.ctx.fold.outstandingRequests({ replicaId: me })) {
        // A request a person made stays until answered or cancelled by a person: the automatic
        // policy leaves that product alone instead of withdrawing it.
        if (this.ctx.store.ledger.event(r.requestId, 'request')?.event.by !== 'system')
          productIds.delete(r.productId)
        else productIds.add(r.productId)
      }
      if (productIds.size > 0) {
        result.asked = this.ctx.store.durable(() =>
          this.ctx.ops().askForStock({
            by: 'system',
            productIds: [...productIds],
            policyOf,
            recentSales: (id) => sold.get(id) ?? 0,
            windowMs: s.windowMs,
            leadTimeMs: s.leadTimeMs,
            minimum: () => s.minimum,
            minIntervalMs: s.minIntervalMs,
            answerTimeoutMs: s.answerTimeoutMs,
          }),
        ).length
      }
    } catch (error) {
      this.ctx.logger.warn({ err: error }, 'rebalancing skipped')
    }
    return result
  }
}
