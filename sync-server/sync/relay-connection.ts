// One device's WebSocket as seen by the relay.
import type { WebSocket } from 'ws'
import { TokenBucket } from './rate-limiter.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { RelayDoc } from './relay-doc.ts'

export class RelayConnection {
  readonly id: string
  readonly ws: WebSocket
  readonly device: DeviceRow
  readonly tokenHash: string
  readonly messageBucket: TokenBucket
  relayDoc: RelayDoc | null = null
  /** Frames that arrived while the document was loading; handled in order once it is ready. */
  readonly queued: Buffer[] = []
  /** Awareness client ids announced on this connection, removed when it closes. */
  readonly awarenessClientIds = new Set<number>()
  alive = true
  closing = false

  constructor(init: {
    id: string
    ws: WebSocket
    device: DeviceRow
    tokenHash: string
    messageBucket: TokenBucket
  }) {
    this.id = init.id
    this.ws = init.ws
    this.device = init.device
    this.tokenHash = init.tokenHash
    this.messageBucket = init.messageBucket
  }
}
