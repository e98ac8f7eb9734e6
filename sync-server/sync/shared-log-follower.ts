// Keeps this instance's loaded documents and connected devices in step with what other relay
// instances commit to the shared PostgreSQL log. LISTEN/NOTIFY is only a wake-up hint; the
// sequence numbers are the truth: a periodic head check (and one after every reconnect of the
// listening connection) finds any document that is behind, so a lost notification costs delay,
// never data. Catching up reads rows after the doc's last sequence, so nothing is applied twice.
import type { Logger } from 'pino'
import pg from 'pg'
import type { RelayMetrics } from '../ops/metrics.ts'
import { RELAY_CHANNEL, type SharedLog } from '../storage/pg/pg-doc-log.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { SyncHub } from './sync-hub.ts'

export interface SharedLogFollowerDeps {
  url: string
  hub: SyncHub
  shared: SharedLog
  /** The current records of these devices (revocations and class changes made elsewhere). */
  deviceRecords: (ids: readonly string[]) => DeviceRow[]
  metrics: RelayMetrics
  log: Logger
  headCheckMs: number
}

const MIN_RETRY_MS = 250
const MAX_RETRY_MS = 5000

export class SharedLogFollower {
  private readonly deps: SharedLogFollowerDeps
  private client: pg.Client | null = null
  private timer: NodeJS.Timeout | null = null
  private reconnectTimer: NodeJS.Timeout | null = null
  private stopped = false
  private listening = false
  /** Reconnect delay: doubles while the database stays away, back to the minimum once listening. */
  private retryMs = MIN_RETRY_MS
  private warned = false

  constructor(deps: SharedLogFollowerDeps) {
    this.deps = deps
  }

  /** Resolves once listening (or after the first failed attempt; it keeps retrying). */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.checkAll('head-check'), this.deps.headCheckMs)
    this.timer.unref()
    await this.listen()
  }

  isListening(): boolean {
    return this.listening
  }

  private async listen(): Promise<void> {
    if (this.stopped) return
    const client = new pg.Client({ connectionString: this.deps.url, application_name: 'allot-relay-listen' })
    this.client = client
    const lost = (err?: unknown) => {
      if (this.client !== client) return
      this.client = null
      this.listening = false
      // once per outage, not at every retry
      if (!this.stopped && !this.warned) this.deps.log.warn({ err }, 'shared log listener lost; reconnecting')
      this.warned = true
      void client.end().catch(() => undefined)
      this.scheduleReconnect()
    }
    client.on('error', lost)
    client.on('end', () => lost())
    client.on('notification', (n) => this.onNotification(n.payload ?? ''))
    try {
      await client.connect()
      await client.query(`LISTEN ${RELAY_CHANNEL}`)
      this.listening = true
      if (this.warned) this.deps.log.info('shared log listener back')
      this.warned = false
      this.retryMs = MIN_RETRY_MS
      // whatever was committed while we were not listening
      this.checkAll('reconnect')
    } catch (err) {
      lost(err)
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      void this.listen()
    }, this.retryMs)
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2)
    this.reconnectTimer.unref()
  }

  private onNotification(payload: string): void {
    const [kind, id, seqText] = payload.split(' ')
    if (kind === 'doc' && id !== undefined) {
      const relayDoc = this.deps.hub.docs.get(id)
      if (!relayDoc || Number(seqText) <= relayDoc.seq) return
      this.catchUp(id, 'notify')
    } else if (kind === 'device' && id !== undefined) {
      if (!this.deps.hub.connectedDevices().has(id)) return
      this.refreshDevices([id])
    }
  }

  private catchUp(orgId: string, source: string): void {
    const relayDoc = this.deps.hub.docs.get(orgId)
    if (!relayDoc) return
    try {
      if (this.deps.hub.catchUp(relayDoc) > 0) this.deps.metrics.sharedWakeups.inc({ source })
    } catch (err) {
      // the database is unreachable: the next head check retries
      this.deps.log.warn({ err, orgId }, 'catch-up from the shared log failed')
    }
  }

  private refreshDevices(ids: readonly string[]): void {
    try {
      for (const record of this.deps.deviceRecords(ids)) this.deps.hub.deviceRecordChanged(record)
    } catch (err) {
      this.deps.log.warn({ err }, 'device check failed')
    }
  }

  /** Every loaded doc against the log's heads, and every connected device against its record. */
  checkAll(source: string): void {
    const orgIds = this.deps.hub.docs.all().map((d) => d.orgId)
    if (orgIds.length > 0) {
      let heads: Map<string, number>
      try {
        heads = this.deps.shared.heads(orgIds)
      } catch (err) {
        this.deps.log.warn({ err }, 'head check failed')
        return
      }
      for (const orgId of orgIds) {
        const relayDoc = this.deps.hub.docs.get(orgId)
        if (relayDoc && (heads.get(orgId) ?? 0) > relayDoc.seq) this.catchUp(orgId, source)
      }
    }
    const devices = [...this.deps.hub.connectedDevices().keys()]
    if (devices.length > 0) this.refreshDevices(devices)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    const client = this.client
    this.client = null
    this.listening = false
    if (client) await client.end().catch(() => undefined)
  }
}
