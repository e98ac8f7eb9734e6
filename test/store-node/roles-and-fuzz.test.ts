import fc from 'fast-check'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { access, inputs, methodNames, type MethodName } from '../../shared/api/contract.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import { sampleInputs, openTestNode, setUpStore } from '../support/index.ts'

let fixture: Awaited<ReturnType<typeof openTestNode>>
let node: StoreNode
let cashier: Session
let productId: string

beforeAll(async () => {
  fixture = await openTestNode()
  node = fixture.node
  ;({ cashier, productId } = await setUpStore(node))
})
afterAll(() => fixture.close())

/** Everything that would show a write: the document's state and the update log's size. */
function fingerprint() {
  return {
    state: Buffer.from(Y.encodeStateVector(node.store.doc)).toString('base64'),
    rows: node.store.log.stats('org').rows,
    sales: node.db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE type = 'sale'").get(),
  }
}

const managerOnly = methodNames.filter(
  (m) => (access[m] as string) === 'manager' || (access[m] as string) === 'owner',
)
const needsLogin = methodNames.filter((m) => access[m] !== 'public')

describe('roles are enforced by the store node', () => {
  it('refuses every manager-only method to a cashier with FORBIDDEN, changing nothing', async () => {
    expect(managerOnly.length).toBeGreaterThan(15)
    const samples = sampleInputs({ productId, replicaId: node.replicaId })
    for (const method of managerOnly) {
      const before = fingerprint()
      const envelope = await node.call(method, samples[method], cashier)
      expect(envelope.error?.code, method).toBe('FORBIDDEN')
      expect(fingerprint(), method).toEqual(before)
    }
  })

  it('refuses every non-public method without a login with UNAUTHENTICATED', async () => {
    const samples = sampleInputs({ productId, replicaId: node.replicaId })
    for (const method of needsLogin) {
      const envelope = await node.call(method, samples[method], { userId: null })
      expect(envelope.error?.code, method).toBe('UNAUTHENTICATED')
    }
  })

  it('has a valid sample for every method (so the checks above test the role, not the input)', () => {
    const samples = sampleInputs({ productId, replicaId: node.replicaId })
    for (const method of methodNames)
      expect(inputs[method].safeParse(samples[method]).success, method).toBe(true)
  })
})

describe('API fuzz', () => {
  it('answers random and invalid params for every method with VALIDATION or FORBIDDEN and changes nothing', async () => {
    const before = fingerprint()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methodNames),
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        async (method: MethodName, params) => {
          // A missing params object means "no input", exactly as the transports treat it.
          fc.pre(!inputs[method].safeParse(params === undefined ? {} : params).success)
          const envelope = await node.call(method, params, cashier)
          expect(['VALIDATION', 'FORBIDDEN']).toContain(envelope.error?.code)
          expect(envelope.error?.message).toEqual(expect.any(String))
        },
      ),
      { numRuns: 1500 },
    )
    expect(fingerprint()).toEqual(before)
  })

  it('answers wrong field types inside otherwise plausible inputs with VALIDATION', async () => {
    const before = fingerprint()
    const bad = [
      [
        'sales.checkout',
        { idempotencyKey: 'key-12345678', lines: [{ productId, qty: 1.5 }], payment: { method: 'card' } },
      ],
      [
        'sales.checkout',
        { idempotencyKey: 'key-12345678', lines: [{ productId, qty: -2 }], payment: { method: 'card' } },
      ],
      ['sales.checkout', { idempotencyKey: 'key-12345678', lines: [], payment: { method: 'card' } }],
      [
        'sales.checkout',
        { idempotencyKey: 'key-12345678', lines: [{ productId, qty: 1 }], payment: { method: 'bitcoin' } },
      ],
      [
        'sales.checkout',
        {
          idempotencyKey: 'key-12345678',
          lines: [{ productId, qty: 1 }],
          payment: { method: 'cash', tenderedMinor: 1.25 },
        },
      ],
      ['stock.request', { productId, qty: '3' }],
      ['catalog.search', { query: 'x', extra: true }],
    ] as const
    for (const [method, params] of bad) {
      const envelope = await node.call(method, params, cashier)
      expect(envelope.error?.code, JSON.stringify(params)).toBe('VALIDATION')
      expect(envelope.error?.details).toBeDefined()
    }
    expect((await node.call('no.such', {}, cashier)).error?.code).toBe('NOT_FOUND')
    expect(fingerprint()).toEqual(before)
  })
})
