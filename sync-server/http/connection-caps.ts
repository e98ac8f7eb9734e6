// Caps on concurrent device connections: per device token (one leaked token cannot hold hundreds
// of sockets, each able to buffer a max-size frame) and per client address (as resolved through
// --trust-proxy). Both refusals are transient close codes: once older connections close, a retry
// succeeds.
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { KeyedCounter } from '../sync/keyed-counter.ts'

export interface ConnectionCapLimits {
  perToken: number
  perAddress: number
}

export type ConnectionSlot =
  | { ok: true; release: () => void }
  | {
      ok: false
      code: number
      reason: string
      limit: 'token-connections' | 'address-connections'
    }

export class ConnectionCaps {
  private readonly limits: ConnectionCapLimits
  private readonly perToken = new KeyedCounter()
  private readonly perAddress = new KeyedCounter()

  constructor(limits: ConnectionCapLimits) {
    this.limits = limits
  }

  /** Takes a slot for one connection; `release` must be called once when it closes. */
  open(tokenHash: string, address: string): ConnectionSlot {
    if (!this.perToken.tryAcquire(tokenHash, this.limits.perToken)) {
      return {
        ok: false,
        code: CloseCode.tooManyTokenConnections,
        reason: `more than ${this.limits.perToken} connections for this device`,
        limit: 'token-connections',
      }
    }
    if (!this.perAddress.tryAcquire(address, this.limits.perAddress)) {
      this.perToken.release(tokenHash)
      return {
        ok: false,
        code: CloseCode.tooManyAddressConnections,
        reason: `more than ${this.limits.perAddress} connections from this address`,
        limit: 'address-connections',
      }
    }
    let released = false
    return {
      ok: true,
      release: () => {
        if (released) return
        released = true
        this.perToken.release(tokenHash)
        this.perAddress.release(address)
      },
    }
  }
}
