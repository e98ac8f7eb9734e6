// allot_relay_ready mirrors /readyz, so "relay not ready" can be alerted on from the scrape alone.
// Per-store gauges for alerting, computed at scrape time from small tables (never the archive):
//
// - allot_relay_device_last_seen_age_seconds: 0 while the device has a connection open, else the
//   time since its last connection ended (or since enrollment if it never connected). Revoked
//   devices are not reported. This is the "store not seen for N minutes" signal.
// - allot_relay_replica_last_event_age_seconds: time since the relay last archived an event of
//   the replica (relay clock). A connected but silent till is normal (no sales at night).
// - allot_relay_replica_event_delivery_lag_seconds: for the replica's newest archived event,
//   relay receive time minus the writer's own `at` clock. It is how long that event waited at the
//   store before reaching the relay: the relay's view of "pending age". The relay cannot know a
//   store's events it has not received yet; the store's own sync status shows those.
import { Gauge } from 'prom-client'
import type * as Y from 'yjs'
import { docGrowth } from '../../shared/core/doc-growth.ts'
import type { Logger } from 'pino'
import type { RelayMetrics } from './metrics.ts'
import type { FeedStore, RelayStore } from '../storage/relay-store.ts'

export interface OpsMetricsDeps {
  metrics: RelayMetrics
  relayDb: RelayStore
  feedDb: FeedStore
  devicesOnline: (orgId: string) => Map<string, number>
  /** The organizations' documents in memory now (an idle one is unloaded and not reported). */
  loadedDocs: () => Array<{ orgId: string; doc: Y.Doc }>
  /** The same check as /readyz (a real SQLite write, not draining). */
  isReady: () => { ready: boolean }
  now: () => number
  log: Logger
}

export function registerOpsMetrics(deps: OpsMetricsDeps): void {
  const registers = [deps.metrics.registry]
  const { relayDb, feedDb, devicesOnline, loadedDocs, isReady, now, log } = deps
  const safely = (what: string, fn: () => void) => {
    try {
      fn()
    } catch (err) {
      log.warn({ err }, `metrics: ${what} failed`)
    }
  }

  new Gauge({
    name: 'allot_relay_ready',
    help: '1 when the relay is ready (SQLite write probe succeeds, not draining), else 0; same as /readyz',
    registers,
    collect() {
      let ready = false
      safely('readiness', () => {
        ready = isReady().ready
      })
      this.set(ready ? 1 : 0)
    },
  })

  new Gauge({
    name: 'allot_relay_device_last_seen_age_seconds',
    help: 'Seconds since an enrolled, non-revoked device was last connected (0 while connected)',
    labelNames: ['org', 'replica', 'device', 'store'],
    registers,
    collect() {
      this.reset()
      safely('device last-seen', () => {
        const at = now()
        for (const org of relayDb.listOrgs()) {
          const online = devicesOnline(org.id)
          for (const d of relayDb.devicesOfOrg(org.id)) {
            if (d.revokedAt !== null) continue
            const store = d.storeName ?? ''
            const seen = (online.get(d.id) ?? 0) > 0 ? at : (d.lastSeenAt ?? d.createdAt)
            this.set(
              { org: org.id, replica: d.replicaId, device: d.id, store },
              Math.max(0, (at - seen) / 1000),
            )
          }
        }
      })
    },
  })

  const replicaRows = () => {
    const names = new Map<string, string>()
    for (const org of relayDb.listOrgs()) {
      for (const d of relayDb.devicesOfOrg(org.id)) {
        const k = `${org.id}\u0000${d.replicaId}`
        if (d.revokedAt === null || !names.has(k)) names.set(k, d.storeName ?? '')
      }
    }
    return feedDb.replicaStates().map((r) => ({
      row: r,
      labels: {
        org: r.orgId,
        replica: r.replicaId,
        store: names.get(`${r.orgId}\u0000${r.replicaId}`) ?? '',
      },
    }))
  }

  new Gauge({
    name: 'allot_relay_replica_last_event_age_seconds',
    help: 'Seconds since the relay last archived an event from the replica (relay clock)',
    labelNames: ['org', 'replica', 'store'],
    registers,
    collect() {
      this.reset()
      safely('replica last event', () => {
        const at = now()
        for (const { row, labels } of replicaRows())
          this.set(labels, Math.max(0, (at - row.lastReceivedAt) / 1000))
      })
    },
  })
  new Gauge({
    name: 'allot_relay_replica_event_delivery_lag_seconds',
    help: "For the replica's newest archived event: relay receive time minus the writer's clock (time it waited at the store)",
    labelNames: ['org', 'replica', 'store'],
    registers,
    collect() {
      this.reset()
      safely('replica delivery lag', () => {
        for (const { row, labels } of replicaRows()) {
          const written = row.lastEventAt === null ? Number.NaN : Date.parse(row.lastEventAt)
          if (Number.isFinite(written)) this.set(labels, Math.max(0, (row.lastReceivedAt - written) / 1000))
        }
      })
    },
  })

  // Issue 22: growth in Yjs clients slows every transaction of the chain; alert on it early.
  new Gauge({
    name: 'allot_relay_org_doc_yjs_clients',
    help: "Yjs clients in the organization's document (loaded documents only): grows with crashes, restores and new tills",
    labelNames: ['org'],
    registers,
    collect() {
      this.reset()
      safely('document clients', () => {
        for (const { orgId, doc } of loadedDocs()) this.set({ org: orgId }, docGrowth(doc).yjsClients)
      })
    },
  })
  new Gauge({
    name: 'allot_relay_org_doc_state_vector_bytes',
    help: "Bytes of the organization's document state vector (loaded documents only), sent at every handshake",
    labelNames: ['org'],
    registers,
    collect() {
      this.reset()
      safely('document state vector', () => {
        for (const { orgId, doc } of loadedDocs()) this.set({ org: orgId }, docGrowth(doc).stateVectorBytes)
      })
    },
  })
}
