// Prometheus metrics of one relay instance. A fresh Registry per relay (no global default
// registry) so tests and embedders can run several relays in one process.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface RelayMetrics {
  registry: Registry
  connections: Gauge
  docsLoaded: Gauge
  messages: Counter<'direction' | 'type'>
  messageBytes: Counter<'direction' | 'type'>
  authFailures: Counter<'reason'>
  refusedUpdates: Counter<'rule'>
  closes: Counter<'code'>
  sqliteWriteSeconds: Histogram
  compactionSeconds: Histogram
  archivedEvents: Counter
  storageFailures: Counter
  limitRefusals: Counter<'limit'>
  awarenessDropped: Counter
  /** Updates this instance committed, per organization. */
  orgUpdates: Counter<'org'>
  /** Rows other instances committed that this one applied while catching up, per organization. */
  sharedRowsApplied: Counter<'org'>
  /** How a document learned it was behind the shared log: notification or periodic head check. */
  sharedWakeups: Counter<'source'>
}

export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry()
  // includes nodejs_eventloop_lag_* (event-loop delay), memory, GC and handle counts
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    connections: new Gauge({
      name: 'allot_relay_connections',
      help: 'Open device WebSocket connections',
      registers,
    }),
    docsLoaded: new Gauge({
      name: 'allot_relay_docs_loaded',
      help: 'Organization documents in memory',
      registers,
    }),
    messages: new Counter({
      name: 'allot_relay_messages_total',
      help: 'WebSocket messages by direction (in/out) and y-protocols type',
      labelNames: ['direction', 'type'],
      registers,
    }),
    messageBytes: new Counter({
      name: 'allot_relay_message_bytes_total',
      help: 'WebSocket message bytes by direction and type',
      labelNames: ['direction', 'type'],
      registers,
    }),
    authFailures: new Counter({
      name: 'allot_relay_auth_failures_total',
      help: 'Refused connection attempts by reason',
      labelNames: ['reason'],
      registers,
    }),
    refusedUpdates: new Counter({
      name: 'allot_relay_refused_updates_total',
      help: 'Updates refused by write validation, by rule',
      labelNames: ['rule'],
      registers,
    }),
    closes: new Counter({
      name: 'allot_relay_closes_total',
      help: 'Connections closed by the relay, by close code',
      labelNames: ['code'],
      registers,
    }),
    sqliteWriteSeconds: new Histogram({
      name: 'allot_relay_sqlite_write_seconds',
      help: 'Duration of one commit: per tick on SQLite, per organization and tick on PostgreSQL (the name is kept for dashboards)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    compactionSeconds: new Histogram({
      name: 'allot_relay_compaction_seconds',
      help: 'Duration of one document compaction',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    archivedEvents: new Counter({
      name: 'allot_relay_archived_events_total',
      help: 'Log events seen in accepted updates (archived, duplicates ignored)',
      registers,
    }),
    storageFailures: new Counter({
      name: 'allot_relay_storage_failures_total',
      help: 'Failed per-tick commits (documents closed and unloaded)',
      registers,
    }),
    limitRefusals: new Counter({
      name: 'allot_relay_limit_refusals_total',
      help: 'Connections, sockets, messages and feed requests refused by a byte, connection, socket, awareness or feed-stream cap, by limit',
      labelNames: ['limit'],
      registers,
    }),
    awarenessDropped: new Counter({
      name: 'allot_relay_awareness_dropped_total',
      help: "Awareness entries dropped because they were not the sending connection's to change (other connections' client ids, stale echoes)",
      registers,
    }),
    orgUpdates: new Counter({
      name: 'allot_relay_org_updates_total',
      help: 'Updates committed by this instance, per organization',
      labelNames: ['org'],
      registers,
    }),
    sharedRowsApplied: new Counter({
      name: 'allot_relay_shared_rows_applied_total',
      help: 'Rows committed by other instances (PostgreSQL) and applied here while catching up, per organization',
      labelNames: ['org'],
      registers,
    }),
    sharedWakeups: new Counter({
      name: 'allot_relay_shared_catchups_total',
      help: 'Catch-ups from the shared log, by what found the document behind (notify, head-check, reconnect)',
      labelNames: ['source'],
      registers,
    }),
  }
}
