// Guards the TCP sockets of the relay's HTTP server before any request is read: a socket must
// complete its first request or WebSocket upgrade within `firstRequestTimeoutMs` (sockets that
// connect and send nothing, or half a request, are destroyed), and one peer address may hold at
// most `maxPerAddress` open sockets (trusted proxies are exempt: every client behind them shares
// their address). Without these, idle sockets exhaust the process's file descriptors.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { normalizeAddress } from './client-address.ts'
import { KeyedCounter } from '../sync/keyed-counter.ts'

export interface SocketGuardDeps {
  maxPerAddress: number
  firstRequestTimeoutMs: number
  isTrustedProxy: (address: string) => boolean
  /** Counts a refused or timed-out socket (`address-sockets`, `first-request-timeout`). */
  onRefused: (limit: 'address-sockets' | 'first-request-timeout') => void
  log: Logger
}

export class SocketGuard {
  private readonly deps: SocketGuardDeps
  private readonly perAddress = new KeyedCounter()
  /** Sockets still waiting for their first complete request, with their deadline. */
  private readonly waiting = new Map<Duplex, NodeJS.Timeout>()

  constructor(deps: SocketGuardDeps) {
    this.deps = deps
  }

  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.admit(socket))
    server.on('request', (req: { socket: Duplex }) => this.served(req.socket))
    server.on('upgrade', (req: unknown, socket: Duplex) => this.served(socket))
  }

  private admit(socket: Socket): void {
    const { deps } = this
    const address = normalizeAddress(socket.remoteAddress ?? 'unknown')
    if (!deps.isTrustedProxy(address)) {
      if (!this.perAddress.tryAcquire(address, deps.maxPerAddress)) {
        deps.onRefused('address-sockets')
        deps.log.info({ ip: address, cap: deps.maxPerAddress }, 'socket refused: too many from this address')
        socket.destroy()
        return
      }
      socket.once('close', () => this.perAddress.release(address))
    }
    const timer = setTimeout(() => {
      this.waiting.delete(socket)
      deps.onRefused('first-request-timeout')
      deps.log.debug({ ip: address }, 'socket closed: no complete request in time')
      socket.destroy()
    }, deps.firstRequestTimeoutMs)
    timer.unref()
    this.waiting.set(socket, timer)
    socket.once('close', () => this.served(socket))
  }

  private served(socket: Duplex): void {
    const timer = this.waiting.get(socket)
    if (timer === undefined) return
    clearTimeout(timer)
    this.waiting.delete(socket)
  }
}
