// The relay handshake, named once for the relay and the store's sync client.

/** Version of the Allot handshake this client speaks (`?v=` or the version header). */
export const SYNC_PROTOCOL_VERSION = '1'

/** Versions the relay accepts; an absent version means 1 (stock y-websocket clients). */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [SYNC_PROTOCOL_VERSION]

/** Prefix of the WebSocket subprotocol that carries a device token (browsers cannot set headers). */
export const TOKEN_SUBPROTOCOL_PREFIX = 'bearer.'

export const ProtocolHeader = {
  /** Client → relay: the handshake version. */
  version: 'x-allot-protocol',
  /** Client → relay: the organization that owns the store's document. */
  docOrg: 'x-allot-doc-org',
  /** Relay → client on upgrade: the relay's clock (ms since epoch), for skew estimates. */
  relayTime: 'x-allot-relay-time',
  /** Relay → client on upgrade: `head-office` or `store`. */
  deviceClass: 'x-allot-device-class',
} as const
