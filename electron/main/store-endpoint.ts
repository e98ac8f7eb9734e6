import type { Envelope } from '../../shared/api/rpc.ts'
import type { PushedEventName } from '../../shared/api/views.ts'

/** Per-window login state, owned by the StoreNode's dispatcher. */
export interface ApiSession {
  userId: string | null
}

/** What the shell needs from the StoreNode: one call entry point and its pushed events. */
export interface StoreEndpoint {
  call(method: unknown, params: unknown, session: ApiSession): Promise<Envelope<unknown>>
  subscribe(listener: (event: PushedEventName, data: unknown) => void): () => void
}
