import { ApiError } from '../../shared/api/errors.ts'

/** What the gate reads of the store node: each a reason, or undefined when all is well. */
export interface WriteGatePorts {
  /** The organization this till belongs to (none before setup). */
  orgId(): string | undefined
  /** The database is broken (a failed write): nothing may be written until a restart. */
  broken(): string | undefined
  /** A stale restore or a rolled-back client id: the own log must not grow until caught up. */
  locked(): string | undefined
  /** A newer document schema, or a retired till (the core's rule). */
  readOnly(): string | undefined
}

export interface WriteRefusal {
  code: 'CONFLICT' | 'INTERNAL' | 'SALES_LOCKED' | 'READ_ONLY'
  message: string
}

/**
 * The one place that answers "may this till write now, and if not, why": every writer asks it
 * (handlers, the rebalancer, background jobs, the relay link), so the answer and its error code
 * never differ between them.
 */
export class WriteGate {
  private readonly ports: WriteGatePorts

  constructor(ports: WriteGatePorts) {
    this.ports = ports
  }

  /** Why this till may not append to its own log now (sell, restock, count…). */
  whyNotWrite(): WriteRefusal | undefined {
    if (!this.ports.orgId()) return { code: 'CONFLICT', message: 'Set up the store first' }
    const broken = this.ports.broken()
    if (broken) return { code: 'INTERNAL', message: `The store's database failed: restart it (${broken})` }
    const locked = this.ports.locked()
    if (locked) return { code: 'SALES_LOCKED', message: locked }
    const readOnly = this.ports.readOnly()
    if (readOnly) return { code: 'READ_ONLY', message: readOnly }
    return undefined
  }

  /** Why this till may not change shared records (catalog, staff, settings) now. */
  whyNotShare(): WriteRefusal | undefined {
    const refusal = this.whyNotWrite()
    // A stale log does not stop catalog edits: they are not events of the own log.
    return refusal?.code === 'SALES_LOCKED' ? this.readOnlyRefusal() : refusal
  }

  assertMayWrite(): void {
    const refusal = this.whyNotWrite()
    if (refusal) throw new ApiError(refusal.code, refusal.message)
  }

  assertMayShare(): void {
    const refusal = this.whyNotShare()
    if (refusal) throw new ApiError(refusal.code, refusal.message)
  }

  /** For status screens: why sales are paused (a stale or rolled-back database). */
  salesLocked(): string | undefined {
    return this.ports.locked()
  }

  /** For status screens: why the till is read-only (newer schema, retired). */
  readOnly(): string | undefined {
    return this.ports.orgId() && !this.ports.locked() ? this.ports.readOnly() : undefined
  }

  private readOnlyRefusal(): WriteRefusal | undefined {
    const readOnly = this.ports.readOnly()
    return readOnly ? { code: 'READ_ONLY', message: readOnly } : undefined
  }
}
