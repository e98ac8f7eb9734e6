import * as Y from 'yjs'
import type { AssistantAnswer } from '../../shared/api/views.ts'
import { writeReplica, writeStore } from '../../shared/core/schema.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import { apiOf, openTestNode, ownerLogin, setUpStore } from '../support/store-fixture.ts'

/** Sends what `to` has not seen of `from`'s document, as the relay would. */
export function syncInto(from: StoreNode, to: StoreNode): void {
  Y.applyUpdate(
    to.store.doc,
    Y.encodeStateAsUpdate(from.store.doc, Y.encodeStateVector(to.store.doc)),
    'test-sync',
  )
}

let keySeq = 0
const key = () => `assistant-${process.pid}-${++keySeq}-${Date.now()}`

export interface SeededChain {
  main: StoreNode
  harbour: StoreNode
  owner: Session
  cashier: Session
  harbourOwner: Session
  ids: Record<'greenTea' | 'blackTea' | 'beans' | 'mug' | 'teapot' | 'cheapMints', string>
  ask(question: string, session?: Session): Promise<AssistantAnswer>
  close(): Promise<void>
}

/**
 * Two real StoreNodes (real SQLite) of one organization: "Main street" (where the questions are
 * asked) and "Harbour". Harbour's events reach Main street as relay updates would.
 */
export async function seedChain(): Promise<SeededChain> {
  const a = await openTestNode()
  const b = await openTestNode()
  const main = a.node
  const harbour = b.node
  const { owner, cashier, productId: greenTea } = await setUpStore(main, 100)
  const product = async (
    sku: string,
    name: string,
    priceMinor: number,
    reorderPoint: number,
    stock: number,
  ) => {
    const p = await apiOf(main, owner)['catalog.upsert']({
      sku,
      name,
      priceMinor,
      reorderPoint,
      taxRateBp: 700,
    })
    if (stock > 0) await apiOf(main, owner)['stock.restock']({ productId: p.id, qty: stock })
    return p.id
  }
  await apiOf(main, owner)['catalog.upsert']({
    id: greenTea,
    sku: 'TEA-1',
    name: 'Green tea',
    barcode: '4006381333931',
    priceMinor: 349,
    taxRateBp: 700,
    reorderPoint: 10,
  })
  const blackTea = await product('TEA-2', 'Black tea', 299, 20, 5)
  const beans = await product('COF-1', 'Espresso beans', 1299, 10, 40)
  const mug = await product('MUG-1', 'Ceramic mug', 850, 3, 0)
  const teapot = await product('POT-1', 'Cast iron teapot', 2499, 0, 3)
  const cheapMints = await product('MNT-1', 'Peppermints', 99, 0, 50)

  const sale = (lines: Array<{ productId: string; qty: number }>, node = main, session = cashier) =>
    apiOf(node, session)['sales.checkout']({ idempotencyKey: key(), lines, payment: { method: 'card' } })
  await sale([
    { productId: greenTea, qty: 3 },
    { productId: blackTea, qty: 1 },
  ])
  await sale([{ productId: beans, qty: 2 }])
  await sale([{ productId: greenTea, qty: 4 }])
  await apiOf(main, cashier)['reservations.create']({
    idempotencyKey: key(),
    productId: teapot,
    qty: 1,
    customer: 'Ann Smith',
    ttlMinutes: 30,
  })
  await apiOf(main, cashier)['reservations.create']({
    idempotencyKey: key(),
    productId: beans,
    qty: 2,
    customer: 'Bob Jones',
    ttlMinutes: 3 * 24 * 60,
  })

  // Harbour joins the organization (as a relay would give it the document), restocks and sells.
  syncInto(main, harbour)
  const storeId = 'store-harbour'
  harbour.context.setIdentity({ ...harbour.identity, orgId: main.identity.orgId!, storeId })
  harbour.store.durable(() =>
    harbour.store.doc.transact(() => {
      writeStore(harbour.store.doc, storeId, { name: 'Harbour', code: 'HARB' })
      writeReplica(harbour.store.doc, harbour.replicaId, { storeId, storeName: 'Harbour', status: 'active' })
    }),
  )
  const harbourOwner: Session = { userId: null }
  await apiOf(harbour, harbourOwner)['session.login']({
    method: 'password',
    username: ownerLogin.username,
    password: ownerLogin.password,
  })
  await apiOf(harbour, harbourOwner)['stock.restock']({ productId: greenTea, qty: 20 })
  await apiOf(harbour, harbourOwner)['stock.restock']({ productId: mug, qty: 6 })
  await sale([{ productId: greenTea, qty: 5 }], harbour, harbourOwner)
  syncInto(harbour, main)

  return {
    main,
    harbour,
    owner,
    cashier,
    harbourOwner,
    ids: { greenTea, blackTea, beans, mug, teapot, cheapMints },
    ask: (question, session = cashier) => apiOf(main, session)['assistant.ask']({ question }),
    close: async () => {
      await a.close()
      await b.close()
    },
  }
}
