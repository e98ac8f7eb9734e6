import type { StoreApiClient } from '../../shared/api/client.ts'
import type { WsTransport } from '../../shared/api/ws-transport.ts'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { http, spawnRelay, stopRelay, waitUntil, type RelayProcess } from './relay-harness.ts'
import { connectApi } from './api-client.ts'
import { startStoreNode, tempDir } from './processes.ts'

/** A store node process with a logged-in owner client. */
export interface ChainStore {
  name: string
  dir: string
  replicaId: string
  api: StoreApiClient
  transport: WsTransport
  stop(signal?: NodeJS.Signals): Promise<void>
  restart(): Promise<void>
}

export const owner = { username: 'owner', password: 'owner-password' }

export async function issueCode(
  relay: RelayProcess,
  orgId: string,
  storeName: string,
  storeCode?: string,
): Promise<string> {
  const res = await http(relay, 'POST', `/admin/orgs/${orgId}/enrollment-codes`, {
    storeName,
    ...(storeCode ? { storeCode } : {}),
  })
  if (res.status !== 201) throw new Error(`issue code failed: ${JSON.stringify(res.json)}`)
  return res.json.code as string
}

export async function openStore(name: string, dir: string): Promise<ChainStore> {
  let proc = await startStoreNode(dir)
  let conn = await connectApi(proc.ready.api, proc.token)
  const store: ChainStore = {
    name,
    dir,
    replicaId: proc.ready.replicaId,
    api: conn.api,
    transport: conn.transport,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      conn.transport.close()
      await proc.kill(signal)
    },
    restart: async () => {
      proc = await startStoreNode(store.dir)
      conn = await connectApi(proc.ready.api, proc.token)
      store.api = conn.api
      store.transport = conn.transport
      await store.api['session.login']({ method: 'password', ...owner })
    },
  }
  return store
}

/** Waits until `store` is online and the relay holds everything of it. */
export async function synced(store: ChainStore, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    async () => {
      const s = await store.api['sync.status']({})
      return s.state === 'online' && s.pendingEvents === 0
    },
    timeoutMs,
    `${store.name} synced with the relay`,
  )
}

/** The number of Yjs clients in an organization's document, as a stock y-websocket client sees it. */
export async function stockClientCount(relay: RelayProcess, orgId: string, token: string): Promise<number> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(relay.wsUrl, `sync/${orgId}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, v: '1' },
    disableBc: true,
  })
  try {
    await waitUntil(() => provider.synced, 10_000, 'observer synced')
    return Y.decodeStateVector(Y.encodeStateVector(doc)).size
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/**
 * A store that creates the organization and links to `relay` with a code issued by `codeFrom`
 * (another instance of the same relay, or the same one). Logged in as owner.
 */
export async function foundStore(
  relay: RelayProcess,
  codeFrom: RelayProcess,
  orgId: string,
  dir: string,
  code = 'A',
): Promise<ChainStore> {
  const store = await openStore(code, dir)
  await store.api['setup.createOrganization']({
    orgName: 'Chain',
    currency: 'EUR',
    storeName: `Store ${code}`,
    storeCode: code,
    owner,
  })
  await store.api['sync.link']({
    relayUrl: relay.url,
    enrollmentCode: await issueCode(codeFrom, orgId, `Store ${code}`),
  })
  return store
}

/**
 * A store (or, with `storeCode` of an existing store, another till of it) that joins the
 * organization through `relay` with a code issued by `codeFrom`. Logged in as owner.
 */
export async function joinStore(
  relay: RelayProcess,
  codeFrom: RelayProcess,
  orgId: string,
  dir: string,
  name: string,
  store: { code: string; name: string; bound?: boolean },
): Promise<ChainStore> {
  const joined = await openStore(name, dir)
  await joined.api['setup.joinOrganization']({
    relayUrl: relay.url,
    enrollmentCode: await issueCode(codeFrom, orgId, store.name, store.bound ? store.code : undefined),
    storeName: store.name,
    storeCode: store.code,
  })
  await joined.api['session.login']({ method: 'password', ...owner })
  return joined
}

/** The first two stores of a chain, for tests that need exactly A and B. */
export function twoStores(chain: { stores: ChainStore[] }): [ChainStore, ChainStore] {
  const [a, b] = chain.stores
  if (!a || !b) throw new Error(`a chain of ${chain.stores.length} stores has no A and B`)
  return [a, b]
}

/**
 * A relay and `count` stores in one organization: the first creates it standalone and links
 * (the relay adopts its document), the others join with enrollment codes. All logged in as owner.
 */
export async function startChain(count: number): Promise<{
  relay: RelayProcess
  relayDir: string
  stores: ChainStore[]
  orgId: string
  close(): Promise<void>
  addTill(storeCode: string, storeName: string): Promise<ChainStore>
}> {
  const relayDir = tempDir('chain-relay')
  const relay = await spawnRelay(relayDir.path)
  const orgId = 'chain'
  const created = await http(relay, 'POST', '/admin/orgs', { orgId, name: 'Chain' })
  if (created.status !== 201) throw new Error(`create org failed: ${JSON.stringify(created.json)}`)
  const dirs = Array.from({ length: count }, (_, i) => tempDir(`chain-store-${i}`))
  const stores: ChainStore[] = []
  stores.push(await foundStore(relay, relay, orgId, dirs[0]!.path))
  for (let i = 1; i < count; i++) {
    const name = String.fromCharCode(65 + i)
    stores.push(
      await joinStore(relay, relay, orgId, dirs[i]!.path, name, { code: name, name: `Store ${name}` }),
    )
  }
  const extraDirs: Array<{ remove: () => void }> = []
  const chain = {
    relay,
    relayDir: relayDir.path,
    stores,
    orgId,
    close: async () => {
      await Promise.allSettled(stores.map((s) => s.stop()))
      // The relay a test restarted (and assigned to chain.relay), not only the first one.
      await stopRelay(chain.relay)
      for (const d of [...dirs, ...extraDirs]) d.remove()
      relayDir.remove()
    },
    /** A second (third…) till of an existing store: it joins with a code bound to that store. */
    addTill: async (storeCode: string, storeName: string): Promise<ChainStore> => {
      const dir = tempDir(`chain-till-${storeCode}`)
      extraDirs.push(dir)
      const till = await joinStore(
        chain.relay,
        chain.relay,
        orgId,
        dir.path,
        `${storeCode}${stores.length + 1}`,
        {
          code: storeCode,
          name: storeName,
          bound: true,
        },
      )
      stores.push(till)
      return till
    },
  }
  return chain
}
