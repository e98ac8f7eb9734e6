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

/** Founds an organization on a fresh store through its API, with the test owner. */
export async function foundOrganization(
  api: StoreApiClient,
  names: { orgName?: string; storeName?: string; storeCode?: string } = {},
): Promise<void> {
  await api['setup.createOrganization']({
    orgName: names.orgName ?? 'Test chain',
    currency: 'EUR',
    storeName: names.storeName ?? 'Till',
    storeCode: names.storeCode ?? 'T1',
    owner: { username: 'owner', password: 'owner-password' },
  })
}

/** Sets up a standalone store through its API: an organization, one product, `qty` in stock. */
export async function setUpStandaloneStore(
  api: StoreApiClient,
  product: { sku: string; name: string; priceMinor: number },
  qty: number,
): Promise<{ id: string }> {
  await foundOrganization(api)
  const created = await api['catalog.upsert'](product)
  await api['stock.restock']({ productId: created.id, qty })
  return { id: created.id }
}
