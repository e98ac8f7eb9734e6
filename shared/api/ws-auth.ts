// How a client presents the store API's token over a WebSocket. Browsers cannot set headers on a
// WebSocket and a token in the URL reaches logs, history and Referer headers, so the token travels
// as a subprotocol (`bearer.<token>`, as the relay does), next to the protocol the server selects.

/** The subprotocol the store API speaks (the one the server selects). */
export const STORE_API_SUBPROTOCOL = 'allot.store-api'
export const TOKEN_SUBPROTOCOL_PREFIX = 'bearer.'

/** RFC 6455 subprotocols are HTTP tokens: the API token must fit one (ours are base64url). */
const subprotocolToken = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/

export function isSubprotocolSafe(token: string): boolean {
  return subprotocolToken.test(token)
}

/** What a client offers: the API's subprotocol and its token. */
export function apiSubprotocols(token: string): string[] {
  return [STORE_API_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`]
}
