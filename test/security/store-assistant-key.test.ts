import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session } from '../../store-node/api/dispatch.ts'
import { apiOf, openTestNode, setUpStore } from '../support/index.ts'

// The assistant sends the owner's API key as `Authorization: Bearer …` to its base URL with every
// question. A manager who could change that URL would receive the key with the next question.

/** A chat-completions endpoint on loopback that records the Authorization header of each request. */
async function llmDouble(): Promise<{
  url: string
  seen: Array<string | undefined>
  close(): Promise<void>
}> {
  const seen: Array<string | undefined> = []
  const server: Server = createServer((req, res) => {
    seen.push(req.headers.authorization)
    req.resume()
    req.on('end', () =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Plenty of tea.' } }] })),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('the assistant API key cannot be sent to a server of a manager’s choosing', () => {
  const key = 'sk-owner-SECRET-0123456789'
  let fixture: Awaited<ReturnType<typeof openTestNode>>
  let owner: Session
  let manager: Session
  let ownersLlm: Awaited<ReturnType<typeof llmDouble>>
  let attackersServer: Awaited<ReturnType<typeof llmDouble>>

  const settings = (session: Session, input: Record<string, unknown>) =>
    fixture.node.call('assistant.settings.update', input, session)
  const view = () => apiOf(fixture.node, owner)['assistant.settings.get']({})
  const ask = (session: Session) =>
    apiOf(fixture.node, session)['assistant.ask']({
      question: 'How much green tea do we have?',
    })

  beforeAll(async () => {
    ownersLlm = await llmDouble()
    attackersServer = await llmDouble()
    fixture = await openTestNode()
    ;({ owner } = await setUpStore(fixture.node, 10))
    await apiOf(fixture.node, owner)['users.create']({
      username: 'manager',
      displayName: 'Max',
      role: 'manager',
      password: 'manager-pass-1',
    })
    manager = { userId: null }
    await apiOf(fixture.node, manager)['session.login']({
      method: 'password',
      username: 'manager',
      password: 'manager-pass-1',
    })
    const set = await settings(owner, { enabled: true, baseUrl: ownersLlm.url, model: 'm', apiKey: key })
    expect(set.error).toBeUndefined()
  })
  afterAll(async () => {
    await fixture.close()
    await ownersLlm.close()
    await attackersServer.close()
  })

  it('refuses a manager who points the base URL elsewhere or sets the key, and the key stays with the owner’s server', async () => {
    const moved = await settings(manager, { baseUrl: attackersServer.url })
    expect(moved.error).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only an owner can change the language model's address or API key",
    })
    const rekeyed = await settings(manager, { apiKey: '' })
    expect(rekeyed.error?.code).toBe('FORBIDDEN')
    // The same URL sent back unchanged (as the settings form does), the model and the switch are fine.
    const allowed = await settings(manager, { baseUrl: `${ownersLlm.url}/`, model: 'm2', enabled: true })
    expect(allowed.error).toBeUndefined()
    expect(await view()).toMatchObject({ baseUrl: ownersLlm.url, model: 'm2', hasKey: true })

    expect((await ask(manager)).source).toBe('llm')
    expect(ownersLlm.seen).toEqual([`Bearer ${key}`])
    expect(attackersServer.seen).toEqual([])
  })

  it('drops the stored key when the URL moves to another host or port, unless a new key comes with it', async () => {
    // Same server, another path: the key stays.
    expect((await settings(owner, { baseUrl: `${ownersLlm.url}/beta` })).error).toBeUndefined()
    expect((await view()).hasKey).toBe(true)
    // Another port: the old key is not carried over.
    expect((await settings(owner, { baseUrl: attackersServer.url })).error).toBeUndefined()
    expect((await view()).hasKey).toBe(false)
    expect((await ask(owner)).source).toBe('llm')
    expect(attackersServer.seen).toEqual([undefined])
    // A key entered together with the new URL is kept.
    await settings(owner, { baseUrl: ownersLlm.url, apiKey: 'sk-new-key-0001' })
    expect((await view()).hasKey).toBe(true)
  })
})
