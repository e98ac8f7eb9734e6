// The relay answers in the shapes shared/protocol declares, the ones the store's link parses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnrollAnswerSchema } from '../../shared/protocol/enrollment.ts'
import { RelayErrorEnvelopeSchema, relayErrorMessage } from '../../shared/protocol/relay-error.ts'
import { startInProcessRelay, type InProcessRelay } from '../support/index.ts'

let relay: InProcessRelay

async function admin(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBeLessThan(300)
  return res.json()
}

async function enroll(body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${relay.url}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  relay = await startInProcessRelay()
  await admin('/admin/orgs', { orgId: 'acme', name: 'Acme' })
})

afterAll(async () => {
  await relay.remove()
})

describe('relay protocol contract', () => {
  it('answers an enrollment with the shared enrollment answer', async () => {
    const { code } = (await admin('/admin/orgs/acme/enrollment-codes', { storeName: 'North' })) as {
      code: string
    }
    const answer = await enroll({ code, replicaId: 'replica-contract-1' })
    expect(answer.status).toBe(201)
    expect(EnrollAnswerSchema.parse(answer.body)).toMatchObject({ orgId: 'acme', storeName: 'North' })
  })

  it('refuses in the shared error envelope, with the StoreApi fields inside', async () => {
    const unknownCode = await enroll({ code: 'NOPE-NOPE-NOPE', replicaId: 'replica-contract-2' })
    expect(unknownCode.status).toBe(401)
    const parsed = RelayErrorEnvelopeSchema.parse(unknownCode.body)
    expect(parsed.error.code).toBe('invalid-code')
    expect(relayErrorMessage(unknownCode.body)).toBe('unknown enrollment code')

    const badBody = await enroll({ code: 'x', replicaId: '../etc' })
    expect(badBody.status).toBe(400)
    expect(RelayErrorEnvelopeSchema.parse(badBody.body).error.details).toBeDefined()
  })
})
