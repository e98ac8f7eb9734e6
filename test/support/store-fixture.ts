import { afterEach, expect } from 'vitest'
import pino from 'pino'
import { createStoreApiClient, type StoreApiClient } from '../../shared/api/client.ts'
import type { MethodName } from '../../shared/api/contract.ts'
import { ApiError, errorFromBody } from '../../shared/api/errors.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { openStoreNode, type StoreNode } from '../../store-node/store-node.ts'
import { tempDir } from '../../tools/cluster/processes.ts'

/** An in-process StoreNode on `dataDir`: silent, no background jobs, optionally on a test clock. */
export function openNodeAt(dataDir: string, now?: () => Date): Promise<StoreNode> {
  return openStoreNode({
    dataDir,
    logger: pino({ level: 'silent' }),
    backgroundJobs: false,
    ...(now ? { now } : {}),
  })
}

/** An in-process StoreNode on a real SQLite file in a temp dir. */
export async function openTestNode(): Promise<{ node: StoreNode; dir: string; close: () => Promise<void> }> {
  const dir = tempDir('store')
  const node = await openNodeAt(dir.path)
  return {
    node,
    dir: dir.path,
    close: async () => {
      await node.close()
      dir.remove()
    },
  }
}

/**
 * Calls a method with input the types do not check (for tests that send what a client must not),
 * returning the result or throwing the `{code, message}` body. Everything else uses `apiOf`.
 */
export async function callUnchecked<T = unknown>(
  node: StoreNode,
  session: Session,
  method: MethodName,
  params: unknown,
): Promise<T> {
  const envelope = await node.call(method, params, session)
  if (envelope.error) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.result as T
}

/**
 * The typed StoreApi of an in-process node for one session: errors arrive as ApiError with their
 * code, like on the real transports.
 */
export function apiOf(node: StoreNode, session: Session): StoreApiClient {
  return createStoreApiClient({
    call: async (method, input) => {
      const envelope = await node.call(method, input, session)
      if (envelope.error) throw errorFromBody(envelope.error)
      return envelope.result
    },
    onEvent: () => () => {},
  })
}

export const ownerLogin = { username: 'owner', password: 'owner-password', pin: '1234' }

/** Sets up an organization and returns the owner's session and one product with stock. */
export async function setUpStore(node: StoreNode, stock = 100) {
  const owner: Session = { userId: null }
  await apiOf(node, owner)['setup.createOrganization']({
    orgName: 'Test chain',
    currency: 'EUR',
    storeName: 'Main street',
    storeCode: 'MAIN',
    owner: ownerLogin,
  })
  const product = await apiOf(node, owner)['catalog.upsert']({
    sku: 'TEA-1',
    name: 'Green tea',
    barcode: '4006381333931',
    priceMinor: 349,
    taxRateBp: 700,
  })
  if (stock > 0) await apiOf(node, owner)['stock.restock']({ productId: product.id, qty: stock })
  await apiOf(node, owner)['users.create']({
    username: 'cashier',
    displayName: 'Cas Hier',
    role: 'cashier',
    pin: '4321',
  })
  const cashier: Session = { userId: null }
  await apiOf(node, cashier)['session.login']({ method: 'pin', username: 'cashier', pin: '4321' })
  return { owner, cashier, productId: product.id }
}

/** Runs what a test registers, newest first, after each test of the file that calls this. */
export function cleanupAfterEach(): (cleanup: () => unknown) => void {
  const pending: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of pending.splice(0).reverse()) await cleanup()
  })
  return (cleanup) => {
    pending.push(cleanup)
  }
}

/**
 * A set-up store (organization, owner, a cashier, one product with 100 in stock) on a real SQLite
 * file in a temp dir, with typed clients for the owner and the cashier; `later` closes it.
 */
export async function openSetUpStore(
  prefix: string,
  later: (cleanup: () => unknown) => void,
  now?: () => Date,
): Promise<{
  node: StoreNode
  dir: string
  owner: StoreApiClient
  cashier: StoreApiClient
  productId: string
}> {
  const dir = tempDir(prefix)
  const node = await openNodeAt(dir.path, now)
  later(() => dir.remove())
  later(() => node.close())
  const s = await setUpStore(node)
  return {
    node,
    dir: dir.path,
    owner: apiOf(node, s.owner),
    cashier: apiOf(node, s.cashier),
    productId: s.productId,
  }
}

/** The ApiError a call is refused with (fails the test if it succeeds or throws anything else). */
export async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}
