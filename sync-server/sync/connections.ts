// The open device sockets of this relay instance: sending within the outbound budget, closing
// with a code the client can read, liveness pings, and the per-device views the admin API and
// the shared-log follower ask for.
import type { Logger } from 'pino'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { RelayConnection } from './relay-connection.ts'

export interface ConnectionsDeps {
  metrics: RelayMetrics
  log: Logger
  /** A socket whose unsent bytes exceed this is a slow consumer and is closed. */
  outboundBufferBytes: number
}

export class Connections {
  private readonly open = new Set<RelayConnection>()
  private readonly deps: ConnectionsDeps

  constructor(deps: ConnectionsDeps) {
    this.deps = deps
  }

  get size(): number {
    return this.open.size
  }

  add(conn: RelayConnection): void {
    this.open.add(conn)
    this.deps.metrics.connections.set(this.open.size)
  }

  /** False when the connection was already gone. */
  delete(conn: RelayConnection): boolean {
    if (!this.open.delete(conn)) return false
    this.deps.metrics.connections.set(this.open.size)
    return true
  }

  deliver(conn: RelayConnection, data: Uint8Array, type: string): void {
    if (conn.closing || conn.ws.readyState !== conn.ws.OPEN) return
    if (conn.ws.bufferedAmount > this.deps.outboundBufferBytes) {
      return this.close(conn, CloseCode.slowConsumer, 'outbound buffer full')
    }
    conn.ws.send(data)
    this.deps.metrics.messages.inc({ direction: 'out', type })
    this.deps.metrics.messageBytes.inc({ direction: 'out', type }, data.byteLength)
  }

  /** Closes with a code the client can read; forces the socket down if the peer never answers. */
  close(conn: RelayConnection, code: number, reason: string): void {
    if (conn.closing) return
    conn.closing = true
    this.deps.metrics.closes.inc({ code: String(code) })
    this.deps.log.info({ conn: conn.id, deviceId: conn.device.id, code, reason }, 'closing connection')
    // close reasons are limited to 123 bytes by RFC 6455
    conn.ws.close(code, Buffer.from(reason).subarray(0, 123).toString())
    setTimeout(() => conn.ws.terminate(), 2000).unref()
  }

  forEachOf(deviceId: string, f: (conn: RelayConnection) => void): void {
    for (const conn of this.open) if (conn.device.id === deviceId) f(conn)
  }

  /** Closes every socket of one device; returns how many. */
  closeDevice(deviceId: string, code: number, reason: string): number {
    let closed = 0
    this.forEachOf(deviceId, (conn) => {
      this.close(conn, code, reason)
      closed++
    })
    return closed
  }

  /** One connected device record per device id (what this instance believes about each). */
  connectedDevices(): Map<string, DeviceRow> {
    const devices = new Map<string, DeviceRow>()
    for (const conn of this.open) if (!conn.closing) devices.set(conn.device.id, conn.device)
    return devices
  }

  /** Open connections per device of one organization. */
  devicesOnline(orgId: string): Map<string, number> {
    const counts = new Map<string, number>()
    for (const conn of this.open) {
      if (conn.device.orgId === orgId && !conn.closing)
        counts.set(conn.device.id, (counts.get(conn.device.id) ?? 0) + 1)
    }
    return counts
  }

  /** Drops the sockets that did not answer the last ping, pings the others. */
  pingAll(): void {
    for (const conn of this.open) {
      if (!conn.alive) {
        conn.ws.terminate()
        continue
      }
      conn.alive = false
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping()
    }
  }

  /** Shutdown: close sockets in staggered batches (1012) so clients do not reconnect in a herd. */
  async closeAllStaggered(batchSize: number, pauseMs: number): Promise<void> {
    const conns = [...this.open]
    for (let i = 0; i < conns.length; i += batchSize) {
      for (const conn of conns.slice(i, i + batchSize))
        this.close(conn, CloseCode.serviceRestart, 'relay restarting')
      if (i + batchSize < conns.length) await new Promise((r) => setTimeout(r, pauseMs))
    }
  }

  terminateAll(): void {
    for (const conn of this.open) conn.ws.terminate()
  }
}
