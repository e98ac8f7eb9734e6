// WebSocket close codes the relay uses. 4400–4499 mirror HTTP 4xx: reconnecting cannot help, so
// clients (ours and the stock y-websocket provider) stop retrying. 4500–4599 and the standard
// 1xxx codes are transient: clients retry with backoff.
export const CloseCode = {
  /** Malformed frame or unknown message type. */
  badMessage: 4400,
  /** No token, unknown token or expired token. */
  unauthorized: 4401,
  /** Revoked device, or a token of another organization. */
  forbidden: 4403,
  /** No organization with that id on this relay. */
  unknownOrg: 4404,
  /** The store's document belongs to another organization. */
  docOrgMismatch: 4409,
  /**
   * Over a size cap that resending cannot fix: an update over a per-update cap (structs, new
   * client ids, delete ranges), or an awareness state over its size cap.
   */
  tooLarge: 4413,
  /** An update was refused by write validation. */
  updateRefused: 4422,
  /** The client speaks a protocol version this relay does not. */
  unsupportedVersion: 4426,
  /**
   * An update depends on changes of the sender that the relay has not received (a frame lost
   * with an earlier connection, or sent before the handshake): nothing of it was kept; reconnect,
   * and the handshake sends everything in order.
   */
  resyncRequired: 4520,
  /** The client cannot read fast enough: its outbound buffer exceeded the cap. */
  slowConsumer: 4513,
  /** Too many messages per second on this connection or this device token. */
  rateLimited: 4529,
  /** Too many connection attempts for this device token. */
  tooManyUpgrades: 4530,
  /** A frame larger than maxPayload (sent by the ws library itself). */
  messageTooBig: 1009,
  /** Storage failed; nothing of the failed batch was acknowledged. */
  internalError: 1011,
  /** The relay is shutting down or restarting. */
  serviceRestart: 1012,
  /** Too many bytes per second for this device token, over all its connections. */
  byteRateLimited: 4531,
  /** Too many concurrent connections for this device token. */
  tooManyTokenConnections: 4532,
  /** Too many concurrent connections from this client address. */
  tooManyAddressConnections: 4533,
  /** One connection announced more awareness client ids than allowed (a reconnect starts afresh). */
  tooManyAwarenessClients: 4534,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** True for codes after which a client should stop reconnecting. */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
