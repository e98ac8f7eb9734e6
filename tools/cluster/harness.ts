// The browser harness: a relay and headless store nodes as real processes on loopback, the built
// renderer served over HTTP, and one URL per store (its WebSocket StoreApi and token in the URL).
// Used by `npm run demo` (scripts/demo.ts) and by the Playwright specs (fixtures.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStoreApiClient, type StoreApiClient } from '../../shared/api/client.ts'
import { connectWsTransport } from '../../shared/api/ws-transport.ts'
import { storeNodeFlags } from '../../store-node/infra/node-flags.ts'
import { repoRoot, spawnReady, type Spawned as ReadyProcess } from './processes.ts'
import { eventually } from './wait.ts'

export { eventually }
import { serveStatic } from './static-server.ts'
import { e2eTarget } from './target.ts'

export { repoRoot }

interface RelayReady {
  event: 'ready'
  url: string
  port: number
  adminKeyFile: string
}

interface StoreReady {
  event: 'ready'
  api: string
  replicaId: string
}

/** A running relay; `stop` and `restart` keep its data directory and port. */
export class RelayHandle {
  private process: ReadyProcess<RelayReady> | undefined
  readonly dataDir: string
  url = ''
  port = 0

  constructor(dataDir: string) {
    this.dataDir = dataDir
  }

  async start(): Promise<this> {
    const args = ['--data', this.dataDir, '--host', '127.0.0.1', '--port', String(this.port)]
    this.process = await spawnReady<RelayReady>('sync-server/cli.ts', args, { name: 'relay' })
    this.url = this.process.ready.url
    this.port = this.process.ready.port
    return this
  }

  get running(): boolean {
    return this.process !== undefined
  }

  async stop(): Promise<void> {
    await this.process?.stop()
    this.process = undefined
  }

  /** The admin key the relay wrote into its data directory. */
  adminKey(): string {
    return readFileSync(join(this.dataDir, 'admin-key'), 'utf8').trim()
  }

  async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`/admin${path}`, this.url), {
      method,
      headers: { authorization: `Bearer ${this.adminKey()}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`relay admin ${method} ${path} → ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }

  async createOrg(name: string): Promise<string> {
    const org = await this.admin<{ id: string }>('POST', '/orgs', { name })
    return org.id
  }

  async enrollmentCode(orgId: string, storeName?: string): Promise<string> {
    const { code } = await this.admin<{ code: string }>('POST', `/orgs/${orgId}/enrollment-codes`, {
      ...(storeName ? { storeName } : {}),
    })
    return code
  }
}

/** A running headless store node with a connected StoreApi client (a session of its own). */
export class StoreHandle {
  private process: ReadyProcess<StoreReady> | undefined
  private clients: { close(): void }[] = []
  readonly dataDir: string
  readonly name: string
  apiUrl = ''
  replicaId = ''
  /** Origins of the renderer pages that may open this store's API (`--allow-origin`). */
  allowOrigins: string[] = []

  constructor(name: string, dataDir: string) {
    this.name = name
    this.dataDir = dataDir
  }

  async start(): Promise<this> {
    mkdirSync(this.dataDir, { recursive: true })
    const args = ['--data', this.dataDir, '--host', '127.0.0.1', '--port', '0']
    for (const origin of this.allowOrigins) args.push('--allow-origin', origin)
    this.process = await spawnReady<StoreReady>('store-node/cli.ts', args, {
      name: `store ${this.name}`,
      nodeFlags: storeNodeFlags,
    })
    this.apiUrl = this.process.ready.api
    this.replicaId = this.process.ready.replicaId
    return this
  }

  get token(): string {
    return readFileSync(join(this.dataDir, 'api-token'), 'utf8').trim()
  }

  /** A new StoreApi client over the WebSocket (each one is its own login session). */
  async connect(): Promise<StoreApiClient> {
    const transport = await connectWsTransport(this.apiUrl, this.token)
    this.clients.push(transport)
    return createStoreApiClient(transport)
  }

  /**
   * The renderer URL that opens this store: API address in the query, token in the hash (which
   * browsers never send; the renderer removes it from the address bar once read).
   */
  pageUrl(rendererUrl: string): string {
    const url = new URL(rendererUrl)
    url.searchParams.set('api', this.apiUrl)
    url.hash = new URLSearchParams({ token: this.token }).toString()
    return url.toString()
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.close()
    this.clients = []
    await this.process?.stop()
    this.process = undefined
  }
}

/**
 * The origins a store lets open its API: the served renderer's, and the Electron app's own pages
 * (`file://`) when the specs drive the Electron window instead of a Chromium tab.
 */
export function rendererOrigins(rendererUrl: string): string[] {
  return [new URL(rendererUrl).origin, ...(e2eTarget() === 'electron' ? ['file://'] : [])]
}

/** Demo accounts (also used by the specs). */
export const demoUsers = {
  owner: { username: 'owner', password: 'owner-pass-1', pin: '1234', displayName: 'Olivia Owner' },
  manager: { username: 'manager', password: 'manager-pass-1', pin: '2345', displayName: 'Max Manager' },
  cashier: { username: 'cashier', password: 'cashier-pass-1', pin: '1111', displayName: 'Cara Cashier' },
} as const

export interface DemoProduct {
  sku: string
  name: string
  barcode: string
  priceMinor: number
  taxRateBp: number
  stockA: number
  stockB: number
  reorderPoint?: number
}

/** A small grocery catalog: EAN-13-style barcodes, prices in cents, stock split over two stores. */
export const demoCatalog: DemoProduct[] = [
  {
    sku: 'MILK-1L',
    name: 'Whole milk 1 L',
    barcode: '4006381333931',
    priceMinor: 119,
    taxRateBp: 700,
    stockA: 40,
    stockB: 25,
    reorderPoint: 10,
  },
  {
    sku: 'BREAD-RYE',
    name: 'Rye bread 500 g',
    barcode: '4006381333948',
    priceMinor: 289,
    taxRateBp: 700,
    stockA: 18,
    stockB: 12,
  },
  {
    sku: 'EGGS-10',
    name: 'Free-range eggs ×10',
    barcode: '4006381333955',
    priceMinor: 349,
    taxRateBp: 700,
    stockA: 24,
    stockB: 20,
  },
  {
    sku: 'COFFEE-500',
    name: 'Coffee beans 500 g',
    barcode: '4006381333962',
    priceMinor: 899,
    taxRateBp: 700,
    stockA: 12,
    stockB: 8,
  },
  {
    sku: 'OLIVE-OIL',
    name: 'Olive oil extra virgin 750 ml',
    barcode: '4006381333979',
    priceMinor: 1149,
    taxRateBp: 700,
    stockA: 9,
    stockB: 6,
  },
  {
    sku: 'APPLES-1KG',
    name: 'Apples Braeburn 1 kg',
    barcode: '4006381333986',
    priceMinor: 279,
    taxRateBp: 700,
    stockA: 30,
    stockB: 30,
  },
  {
    sku: 'PASTA-500',
    name: 'Spaghetti 500 g',
    barcode: '4006381333993',
    priceMinor: 159,
    taxRateBp: 700,
    stockA: 50,
    stockB: 40,
  },
  {
    sku: 'TOMATO-400',
    name: 'Chopped tomatoes 400 g',
    barcode: '4006381334006',
    priceMinor: 99,
    taxRateBp: 700,
    stockA: 60,
    stockB: 45,
  },
  {
    sku: 'CHOC-DARK',
    name: 'Dark chocolate 70 % 100 g',
    barcode: '4006381334013',
    priceMinor: 219,
    taxRateBp: 700,
    stockA: 35,
    stockB: 15,
  },
  {
    sku: 'SOAP-LIQ',
    name: 'Liquid hand soap 300 ml',
    barcode: '4006381334020',
    priceMinor: 249,
    taxRateBp: 1900,
    stockA: 14,
    stockB: 10,
  },
  {
    sku: 'BATT-AA4',
    name: 'AA batteries ×4',
    barcode: '4006381334037',
    priceMinor: 599,
    taxRateBp: 1900,
    stockA: 20,
    stockB: 0,
  },
  {
    sku: 'CANDLE-TEA',
    name: 'Tea lights ×50',
    barcode: '4006381334044',
    priceMinor: 449,
    taxRateBp: 1900,
    stockA: 2,
    stockB: 16,
    reorderPoint: 5,
  },
]

/** Sets up the organization on a fresh store, logged in as the owner on `api`. */
export async function createDemoOrganization(
  api: StoreApiClient,
  storeName: string,
  storeCode: string,
): Promise<void> {
  await api['setup.createOrganization']({
    orgName: 'Green Grocers',
    currency: 'EUR',
    storeName,
    storeCode,
    owner: { ...demoUsers.owner },
  })
  for (const user of [
    { ...demoUsers.manager, role: 'manager' as const },
    { ...demoUsers.cashier, role: 'cashier' as const },
  ]) {
    await api['users.create']({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      password: user.password,
      pin: user.pin,
    })
  }
}

/**
 * Adds `storeId` to the demo manager's and cashier's accounts, through head office (`hqApi`: only
 * a head-office till changes staff of other stores), and waits until `storeApi` (that store) has
 * verified the change: staff log in only at the stores their account lists.
 */
export async function allowDemoStaffAt(hqApi: StoreApiClient, storeApi: StoreApiClient): Promise<void> {
  const { storeId } = await storeApi['setup.status']({})
  if (!storeId) throw new Error('the store is not set up')
  const staff = [demoUsers.manager.username, demoUsers.cashier.username] as string[]
  const { items } = await hqApi['users.list']({})
  for (const user of items.filter((u) => staff.includes(u.username)))
    if (!user.storeIds.includes(storeId))
      // the founding till learns it is head office when it reconnects after linking: retry until then
      await eventually(
        () => hqApi['users.update']({ id: user.id, storeIds: [...user.storeIds, storeId] }),
        'head office to update the demo staff',
      )
  await eventually(async () => {
    const { items: seen } = await storeApi['users.list']({})
    const ready = seen.filter((u) => staff.includes(u.username) && u.storeIds.includes(storeId))
    if (ready.length !== staff.length) throw new Error(`not yet: ${ready.map((u) => u.username).join(', ')}`)
  }, 'the demo staff accounts to reach this store')
}

/** Creates the demo products and restocks this store with its share (`stockA` or `stockB`). */
export async function seedCatalog(
  api: StoreApiClient,
  share: 'stockA' | 'stockB',
  products = demoCatalog,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const p of products) {
    const existing = await api['catalog.get']({ sku: p.sku }).catch(() => undefined)
    const product =
      existing ??
      (await api['catalog.upsert']({
        sku: p.sku,
        name: p.name,
        barcode: p.barcode,
        priceMinor: p.priceMinor,
        taxRateBp: p.taxRateBp,
        reorderPoint: p.reorderPoint ?? 0,
        // what the shop pays for it: about 60 % of the shelf price
        costMinor: Math.round(p.priceMinor * 0.6),
      }))
    ids.set(p.sku, product.id)
    if (p[share] > 0)
      await api['stock.restock']({ productId: product.id, qty: p[share], note: 'opening stock' })
  }
  return ids
}

export interface ChainOptions {
  /** Base directory for all data (a fresh temp dir by default; removed on close unless kept). */
  baseDir?: string
  keepData?: boolean
  /** Serve the built renderer too (the demo and UI specs; not the API-only checks). */
  serveRenderer?: boolean
  rendererDir?: string
}

/**
 * A whole chain on loopback: relay, store A (creates the organization, links to the relay) and
 * store B (joins with an enrollment code), both seeded with the demo catalog and stock.
 */
export class Chain {
  readonly baseDir: string
  readonly relay: RelayHandle
  readonly a: StoreHandle
  readonly b: StoreHandle
  rendererUrl = ''
  private closeRenderer: (() => Promise<void>) | undefined
  private readonly options: ChainOptions

  private constructor(options: ChainOptions) {
    this.options = options
    this.baseDir = options.baseDir ?? mkdtempSync(join(tmpdir(), 'allot-chain-'))
    this.relay = new RelayHandle(join(this.baseDir, 'relay'))
    this.a = new StoreHandle('High Street', join(this.baseDir, 'store-a'))
    this.b = new StoreHandle('Harbour Road', join(this.baseDir, 'store-b'))
  }

  static async start(options: ChainOptions = {}): Promise<Chain> {
    const chain = new Chain(options)
    try {
      await chain.boot()
      return chain
    } catch (error) {
      await chain.close()
      throw error
    }
  }

  private async boot(): Promise<void> {
    mkdirSync(this.relay.dataDir, { recursive: true })
    // The renderer first: the stores let only its origin's pages open their API.
    if (this.options.serveRenderer !== false) {
      const origins = rendererOrigins(await this.serveRenderer())
      this.a.allowOrigins = origins
      this.b.allowOrigins = origins
    }
    await Promise.all([this.relay.start(), this.a.start(), this.b.start()])

    const orgId = await this.relay.createOrg('Green Grocers')
    const apiA = await this.a.connect()
    await createDemoOrganization(apiA, this.a.name, 'HS01')
    // Store A started standalone; linking it puts its organization on the relay (the relay adopts
    // the first linking store's document).
    const codeA = await this.relay.enrollmentCode(orgId, this.a.name)
    await apiA['sync.link']({ relayUrl: this.relay.url, enrollmentCode: codeA })
    await seedCatalog(apiA, 'stockA')

    const apiB = await this.b.connect()
    await apiB['setup.joinOrganization']({
      relayUrl: this.relay.url,
      enrollmentCode: await this.relay.enrollmentCode(orgId, this.b.name),
      storeName: this.b.name,
      storeCode: 'HR02',
    })
    await eventually(
      () =>
        apiB['session.login']({
          method: 'password',
          username: demoUsers.owner.username,
          password: demoUsers.owner.password,
        }),
      'the owner account to reach store B',
    )
    await eventually(
      () => apiB['catalog.get']({ sku: demoCatalog.at(-1)!.sku }),
      'the catalog to reach store B',
    )
    await allowDemoStaffAt(apiA, apiB)
    await seedCatalog(apiB, 'stockB')
  }

  async serveRenderer(): Promise<string> {
    const server = await serveStatic(this.options.rendererDir ?? join(repoRoot, 'out/renderer'))
    this.rendererUrl = server.url
    this.closeRenderer = server.close
    return server.url
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.a.stop(), this.b.stop(), this.relay.stop(), this.closeRenderer?.()])
    if (!this.options.keepData && !this.options.baseDir)
      rmSync(this.baseDir, { recursive: true, force: true })
  }
}

/** One standalone store (no relay), optionally set up and seeded: enough for single-store specs. */
export class SoloStore {
  readonly baseDir: string
  readonly store: StoreHandle
  rendererUrl = ''
  private closeRenderer: (() => Promise<void>) | undefined

  private constructor() {
    this.baseDir = mkdtempSync(join(tmpdir(), 'allot-solo-'))
    this.store = new StoreHandle('High Street', join(this.baseDir, 'store'))
  }

  static async start(options: { setUp: boolean; rendererDir?: string }): Promise<SoloStore> {
    const solo = new SoloStore()
    try {
      const server = await serveStatic(options.rendererDir ?? join(repoRoot, 'out/renderer'))
      solo.rendererUrl = server.url
      solo.closeRenderer = server.close
      solo.store.allowOrigins = rendererOrigins(server.url)
      await solo.store.start()
      if (options.setUp) {
        const api = await solo.store.connect()
        await createDemoOrganization(api, solo.store.name, 'HS01')
        await seedCatalog(api, 'stockA')
      }
      return solo
    } catch (error) {
      await solo.close()
      throw error
    }
  }

  get pageUrl(): string {
    return this.store.pageUrl(this.rendererUrl)
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.store.stop(), this.closeRenderer?.()])
    rmSync(this.baseDir, { recursive: true, force: true })
  }
}
