import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiOf } from '../support/index.ts'
import { seedChain, type SeededChain } from './seed.ts'

// The optional language model, against a local server that implements chat completions.

interface Seen {
  path: string
  authorization: string | undefined
  body: { model: string; messages: Array<{ role: string; content: string }> }
}

let mode: 'ok' | 'fail' | 'hang' = 'ok'
const seen: Seen[] = []
let server: Server
let baseUrl: string
let chain: SeededChain
const apiKey = 'sk-test-SECRET-0123456789'

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    req.on('end', () => resolve(text))
  })
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req)
  seen.push({
    path: req.url ?? '',
    authorization: req.headers.authorization,
    body: JSON.parse(body) as Seen['body'],
  })
  if (mode === 'hang') return // never answers
  if (mode === 'fail') {
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}')
    return
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'You have 93 Green tea here and 15 at Harbour.' },
          finish_reason: 'stop',
        },
      ],
    }),
  )
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  chain = await seedChain()
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await chain.close()
})
beforeEach(() => {
  seen.length = 0
  mode = 'ok'
})

const settings = (input: Record<string, unknown>) =>
  apiOf(chain.main, chain.owner)['assistant.settings.update'](input)

describe('assistant settings', () => {
  it('are off by default and say that no data leaves the machine', async () => {
    const s = await apiOf(chain.main, chain.owner)['assistant.settings.get']({})
    expect(s).toMatchObject({ enabled: false, baseUrl: '', model: '', hasKey: false, timeoutMs: 8000 })
    expect(s.notice).toContain('Nothing leaves this machine unless a language model is enabled')
    const a = await chain.ask('how many green tea do we have')
    expect(a.source).toBe('rules')
    expect(seen).toHaveLength(0)
  })

  it('refuse to enable without an endpoint, keep the key write-only and need a manager', async () => {
    const refused = await chain.main.call('assistant.settings.update', { enabled: true }, chain.owner)
    expect(refused.error?.code).toBe('VALIDATION')
    const bad = await chain.main.call(
      'assistant.settings.update',
      { baseUrl: 'file:///etc/passwd' },
      chain.owner,
    )
    expect(bad.error?.code).toBe('VALIDATION')
    const cashier = await chain.main.call('assistant.settings.update', { enabled: false }, chain.cashier)
    expect(cashier.error?.code).toBe('FORBIDDEN')

    const s = await settings({ baseUrl: `${baseUrl}/`, model: 'test-model', apiKey })
    expect(s).toMatchObject({ enabled: false, baseUrl, model: 'test-model', hasKey: true })
    expect(JSON.stringify(s)).not.toContain(apiKey)
    const got = await apiOf(chain.main, chain.owner)['assistant.settings.get']({})
    expect(JSON.stringify(got)).not.toContain(apiKey)
    expect(got.hasKey).toBe(true)
  })
})

describe('assistant.ask with a chat-completions endpoint', () => {
  beforeAll(async () => {
    await settings({ enabled: true, baseUrl, model: 'test-model', apiKey, timeoutMs: 8000 })
  })

  it('sends the model, the key as a Bearer header and a compact context with the relevant product, and nothing secret', async () => {
    const on = await apiOf(chain.main, chain.owner)['assistant.settings.get']({})
    expect(on.notice).toContain('is sent to 127.0.0.1')

    const a = await chain.ask('How many green tea do we have?')
    expect(a).toMatchObject({
      source: 'llm',
      intent: 'stock-level',
      answer: 'You have 93 Green tea here and 15 at Harbour.',
    })
    expect(a.links[0]).toMatchObject({ screen: 'stock', params: { productId: chain.ids.greenTea } })
    expect(a.note).toBeUndefined()

    expect(seen).toHaveLength(1)
    const request = seen[0]!
    expect(request.path).toBe('/v1/chat/completions')
    expect(request.authorization).toBe(`Bearer ${apiKey}`)
    expect(request.body.model).toBe('test-model')
    const text = request.body.messages.map((m) => m.content).join('\n')
    expect(request.body.messages.at(-1)?.content).toContain('Question: How many green tea do we have?')
    const context = JSON.parse(/Context \(JSON\): (.*)\n\nQuestion:/.exec(text)![1]!) as {
      products: Array<Record<string, unknown>>
    }
    expect(context.products).toHaveLength(1)
    expect(context.products[0]).toMatchObject({
      sku: 'TEA-1',
      name: 'Green tea',
      price: '€3.49',
      stockHere: 93,
      stockChain: 108,
      stockPerStore: [
        { store: 'Main street', units: 93 },
        { store: 'Harbour', units: 15 },
      ],
    })
    expect(context.products[0]!.recentMovements).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'sale', delta: -5, store: 'Harbour' })]),
    )
    // Nothing else: no other products, no users, hashes, tokens, keys or customers.
    expect(text).not.toContain('Black tea')
    expect(text).not.toContain(apiKey)
    expect(text).not.toMatch(
      /scrypt|passwordHash|pinHash|deviceToken|owner-password|4321|Ann Smith|Bob Jones/i,
    )
    for (const userId of [chain.owner.userId, chain.cashier.userId]) expect(text).not.toContain(userId!)
  })

  it('does not send customer names with reservations', async () => {
    const a = await chain.ask('reservations about to expire')
    expect(a.source).toBe('llm')
    const text = seen[0]!.body.messages.map((m) => m.content).join('\n')
    expect(text).toContain('Cast iron teapot')
    expect(text).not.toContain('Ann Smith')
  })

  it('falls back to the rules on a 500, with a note', async () => {
    mode = 'fail'
    const a = await chain.ask('How many green tea do we have?')
    expect(seen).toHaveLength(1)
    expect(a.source).toBe('rules')
    expect(a.answer).toContain('Green tea (TEA-1): 93 pcs here, 108 in the chain')
    expect(a.note).toBe(
      'The language model answered with an error (HTTP 500), so this answer comes from the built-in rules.',
    )
  })

  it('falls back to the rules when the endpoint hangs past the timeout', async () => {
    await settings({ timeoutMs: 300 })
    mode = 'hang'
    const started = Date.now()
    const a = await chain.ask('what is low?')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(seen).toHaveLength(1)
    expect(a).toMatchObject({ source: 'rules', intent: 'low-stock' })
    expect(a.answer).toContain('Black tea')
    expect(a.note).toBe(
      'The language model did not answer within 0.3 s, so this answer comes from the built-in rules.',
    )
    await settings({ timeoutMs: 8000 })
  })

  it('falls back when the endpoint cannot be reached, and stops sending once disabled', async () => {
    await settings({ baseUrl: 'http://127.0.0.1:9/v1' })
    const a = await chain.ask('what is low?')
    expect(a.source).toBe('rules')
    expect(a.note).toContain('could not be reached')
    await settings({ baseUrl, enabled: false })
    const off = await chain.ask('what is low?')
    expect(off).toMatchObject({ source: 'rules' })
    expect(off.note).toBeUndefined()
    expect(seen).toHaveLength(0)
  })

  it('removes the key when an empty one is written', async () => {
    const s = await settings({ apiKey: '' })
    expect(s.hasKey).toBe(false)
  })
})

describe('the key is never logged', () => {
  it('logs a failed call with the host and the reason only', async () => {
    const { default: pino } = await import('pino')
    const { openStoreNode } = await import('../../store-node/store-node.ts')
    const { tempDir } = await import('../../tools/cluster/processes.ts')
    const { setUpStore } = await import('../support/store-fixture.ts')
    const lines: string[] = []
    const dir = tempDir('assistant-log')
    const node = await openStoreNode({
      dataDir: dir.path,
      logger: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }),
      backgroundJobs: false,
    })
    try {
      const { owner } = await setUpStore(node)
      await apiOf(node, owner)['assistant.settings.update']({
        enabled: true,
        baseUrl,
        model: 'test-model',
        apiKey,
        timeoutMs: 2000,
      })
      mode = 'fail'
      const failed = await apiOf(node, owner)['assistant.ask']({
        question: 'stock of green tea',
      })
      expect(failed.source).toBe('rules')
      mode = 'ok'
      const ok = await apiOf(node, owner)['assistant.ask']({
        question: 'stock of green tea',
      })
      expect(ok.source).toBe('llm')
      expect(seen.some((s) => s.authorization === `Bearer ${apiKey}`)).toBe(true)
      const log = lines.join('')
      expect(log).toContain('language model failed')
      expect(log).toContain('assistant settings changed')
      expect(log).not.toContain(apiKey)
      expect(log).not.toContain('SECRET')
    } finally {
      await node.close()
      dir.remove()
    }
  })
})
