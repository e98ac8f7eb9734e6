import { createStoreApiClient, type StoreApiClient } from '../../shared/api/client.ts'
import { connectWsTransport, type WsTransport } from '../../shared/api/ws-transport.ts'

/** A typed StoreApi client over a store node's WebSocket, as any integration would use it. */
export async function connectApi(
  apiUrl: string,
  token: string,
): Promise<{ api: StoreApiClient; transport: WsTransport }> {
  const transport = await connectWsTransport(apiUrl, token)
  return { api: createStoreApiClient(transport), transport }
}
