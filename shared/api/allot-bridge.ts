import type { InputOf, MethodName, OutputOf } from './contract.ts'
import type { Envelope } from './rpc.ts'
import type { PushedEventName } from './views.ts'

/**
 * What the Electron preload exposes as `window.allot`. Each method resolves to the `{result, error}`
 * envelope instead of rejecting: contextBridge copies a thrown Error with its message only, so an
 * error's `code` and `details` (OUT_OF_STOCK holders…) would be lost. The renderer's IPC transport
 * unwraps the envelope and rebuilds the ApiError on this side of the bridge.
 */
export type AllotBridgeMethods = {
  [K in MethodName]: (input: InputOf<K>) => Promise<Envelope<OutputOf<K>>>
}

export type AllotBridge = AllotBridgeMethods & {
  /** Subscribes to pushed StoreApi events; returns the unsubscribe function. */
  onEvent(listener: (event: PushedEventName, data: unknown) => void): () => void
  /** Marks the bridge so the renderer can tell it apart from anything else on window. */
  readonly kind: 'allot-ipc'
}
