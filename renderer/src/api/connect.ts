import { createStoreApiClient, type StoreApiClient } from '../../../shared/api/client.ts'
import { connectWsTransport } from '../../../shared/api/ws-transport.ts'
import type { ConnectionTarget } from './connection-target.ts'
import { ipcTransport } from './ipc-transport.ts'

export interface Connection {
  api: StoreApiClient
  /** Resolves when the link to the store is gone for good (WebSocket closed); never for IPC. */
  lost: Promise<void>
  close(): void
}

export async function connect(target: Exclude<ConnectionTarget, { kind: 'none' }>): Promise<Connection> {
  if (target.kind === 'ipc') {
    return { api: createStoreApiClient(ipcTransport(target.bridge)), lost: new Promise(() => {}), close() {} }
  }
  const transport = await connectWsTransport(target.apiUrl, target.token)
  return { api: createStoreApiClient(transport), lost: transport.closed, close: () => transport.close() }
}
