import { methodNames, type MethodName, type StoreApi } from './contract.ts'
import type { PushedEventName, PushedEvents } from './views.ts'

/** A transport moves one call and reports pushed events; the client adds the typed surface. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<unknown>
  /** `data` is the payload of `event` as typed by PushedEvents. */
  onEvent(listener: (event: PushedEventName, data: unknown) => void): () => void
}

export type StoreApiClient = StoreApi & {
  on<K extends PushedEventName>(event: K, listener: (data: PushedEvents[K]) => void): () => void
}

/** Builds the typed client from the contract's method list: nothing is written twice. */
export function createStoreApiClient(transport: Transport): StoreApiClient {
  const api = Object.fromEntries(
    methodNames.map((method) => [method, (input: unknown) => transport.call(method, input ?? {})]),
  ) as StoreApi
  const on = <K extends PushedEventName>(event: K, listener: (data: PushedEvents[K]) => void) =>
    transport.onEvent((name: PushedEventName, data: unknown) => {
      if (name === event) listener(data as PushedEvents[K])
    })
  return Object.assign(api, { on })
}
