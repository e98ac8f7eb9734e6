// The address a request really comes from. Behind a reverse proxy (nginx) every socket's peer is
// the proxy, so per-address limits would hit every client at once; `--trust-proxy` names the
// proxies whose X-Forwarded-For / X-Real-IP headers are believed. From anyone else those headers
// are ignored: a client cannot pick its own address.
import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'

export class TrustProxyError extends Error {}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase()
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7)
  return lower
}

function family(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address)
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null
}

/** Parses `127.0.0.1,::1,10.0.0.0/8` (addresses or CIDRs); throws TrustProxyError on a bad entry. */
export function parseTrustedProxies(list: string): string[] {
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
  for (const entry of entries) trustedBlock([entry])
  return entries
}

function trustedBlock(entries: readonly string[]): BlockList {
  const block = new BlockList()
  for (const entry of entries) {
    const [rawAddress, rawPrefix, ...rest] = entry.split('/')
    const address = normalizeAddress(rawAddress ?? '')
    const kind = family(address)
    if (!kind || rest.length > 0) throw new TrustProxyError(`not an IP address or CIDR: ${entry}`)
    if (rawPrefix === undefined) {
      block.addAddress(address, kind)
      continue
    }
    const prefix = Number(rawPrefix)
    const max = kind === 'ipv4' ? 32 : 128
    if (!/^\d+$/.test(rawPrefix) || prefix > max)
      throw new TrustProxyError(`bad prefix length in ${entry} (0–${max})`)
    block.addSubnet(address, prefix, kind)
  }
  return block
}

export class ClientAddressResolver {
  private readonly trusted: BlockList
  private readonly any: boolean

  /** `trustedProxies`: addresses or CIDRs (already validated by parseTrustedProxies). */
  constructor(trustedProxies: readonly string[]) {
    this.trusted = trustedBlock(trustedProxies)
    this.any = trustedProxies.length > 0
  }

  isTrustedProxy(address: string | undefined): boolean {
    if (!this.any || !address) return false
    const normalized = normalizeAddress(address)
    const kind = family(normalized)
    return kind !== null && this.trusted.check(normalized, kind)
  }

  /**
   * The socket's peer, unless that peer is a trusted proxy: then the right-most address in
   * X-Forwarded-For that is not itself a trusted proxy (entries further left were written by the
   * client and prove nothing), else X-Real-IP, else the peer.
   */
  resolve(req: IncomingMessage): string {
    const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown')
    if (!this.isTrustedProxy(peer)) return peer
    const forwarded = headerValues(req, 'x-forwarded-for')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0)
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const hop = normalizeAddress(forwarded[i]!)
      // a hop that is not an address (a proxy we do not know mangled it): stop believing the chain
      if (!family(hop)) return peer
      if (!this.isTrustedProxy(hop)) return hop
    }
    // every hop was a trusted proxy: the left-most is where the request entered
    if (forwarded.length > 0) return normalizeAddress(forwarded[0]!)
    const realIp = normalizeAddress(headerValues(req, 'x-real-ip')[0] ?? '')
    return family(realIp) ? realIp : peer
  }
}

function headerValues(req: IncomingMessage, name: string): string[] {
  const value = req.headers[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
