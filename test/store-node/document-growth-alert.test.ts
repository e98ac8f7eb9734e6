// An owner is warned when the chain's document has been written by so many Yjs clients (app
// sessions) that every sale gets slower: an integrity alert, shown where alerts are shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_CLIENTS_WARNING } from '../../store-node/services/integrity.ts'
import { callUnchecked, openTestNode, setUpStore } from '../support/index.ts'

describe('document growth', () => {
  let store: Awaited<ReturnType<typeof openTestNode>>
  let owner: { userId: string | null }
  const growthAlerts = async () =>
    (
      await callUnchecked<{ alerts: Array<{ kind: string; message: string }> }>(
        store.node,
        owner,
        'integrity.alerts',
        {},
      )
    ).alerts.filter((a) => a.kind === 'document-growth')

  beforeAll(async () => {
    store = await openTestNode()
    ;({ owner } = await setUpStore(store.node))
  })
  afterAll(() => store.close())

  it('warns once the document has more Yjs clients than the threshold', async () => {
    expect(await growthAlerts()).toEqual([])
    // sessions of other tills, as they would arrive through the relay
    const others = new Y.Doc()
    for (let i = 0; i < DOCUMENT_CLIENTS_WARNING; i++) {
      others.clientID = 10_000 + i
      others.getMap('products').set(`p-${i}`, new Y.Map<unknown>([['name', `P${i}`]]))
    }
    Y.applyUpdate(store.node.context.doc, Y.encodeStateAsUpdate(others), 'relay')
    const alerts = await growthAlerts()
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.message).toMatch(/app sessions/)
  })
})
