// The relay's open device connections: sending with back-pressure, closing with a readable code,
// keep-alive pings, revocation and the staggered close at shutdown.
import type { Logger } from 'pino'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { RelayConnection } from './relay-connection.ts'

export interface ConnectionSetDeps {
  metrics: RelayMetrics
  log: Logger
  /** A connection whose unsent bytes exceed this is closed as a slow consumer. */
  outboundBufferBytes: number
}

export class ConnectionSet {
  private readonly all = new Set<RelayConnection>()
  private readonly deps: ConnectionSetDeps

  constructor(deps: ConnectionSetDeps) {
    this.deps = deps
  }

  get size(): number {
    return this.all.size
  }

  add(conn: RelayConnection): void {
    this.all.add(conn)
    this.deps.metrics.connections.set(this.all.size)
  }

  /** False when the connection was already gone. */
  delete(conn: RelayConnection): boolean {
    if (!this.all.delete(conn)) return false
    this.deps.metrics.connections.set(this.all.size)
    return true
  }

  forEachOf(deviceId: string, f: (conn: RelayConnection) => void): void {
    for (const conn of this.all) if (conn.device.id === deviceId) f(conn)
  }

  send(conn: RelayConnection, data: Uint8Array, type: string): void {
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

  /** Closes every socket of a device (revoked, or its class changed). */
  closeDevice(deviceId: string, code: number, reason: string): number {
    let closed = 0
    this.forEachOf(deviceId, (conn) => {
      this.close(conn, code, reason)
      closed++
    })
    return closed
  }

  devicesOnline(orgId: string): Map<string, number> {
    const counts = new Map<string, number>()
    for (const conn of this.all) {
      if (conn.device.orgId === orgId && !conn.closing)
        counts.set(conn.device.id, (counts.get(conn.device.id) ?? 0) + 1)
    }
    return counts
  }

  /** Terminates connections that did not answer the last ping, and pings the others. */
  pingAll(): void {
    for (const conn of this.all) {
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
    const conns = [...this.all]
    for (let i = 0; i < conns.length; i += batchSize) {
      for (const conn of conns.slice(i, i + batchSize))
        this.close(conn, CloseCode.serviceRestart, 'relay restarting')
      if (i + batchSize < conns.length) await new Promise((r) => setTimeout(r, pauseMs))
    }
  }

  terminateAll(): void {
    for (const conn of this.all) conn.ws.terminate()
  }
}
