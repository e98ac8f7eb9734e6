import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { channelOf, eventsChannel, methodNames } from '../../shared/api/contract.ts'
import type { Envelope } from '../../shared/api/rpc.ts'
import type { PushedEventName } from '../../shared/api/views.ts'
import { forwardStoreEvents, registerStoreApiIpc, type InvokeEvent } from '../../electron/main/ipc-bridge.ts'
import type { ApiSession, StoreEndpoint } from '../../electron/main/store-endpoint.ts'
import { WindowSessions } from '../../electron/main/window-sessions.ts'
import { createLogger } from '../../store-node/infra/logger.ts'
import { openStoreNode } from '../../store-node/store-node.ts'
import { FakeIpcMain } from './fake-electron.ts'

const trusted = (id = 1): InvokeEvent => ({ sender: { id }, senderFrame: { url: 'file:///app/index.html' } })
const untrusted: InvokeEvent = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }

/** Records every call and answers with a canned envelope. */
class RecordingEndpoint implements StoreEndpoint {
  readonly calls: { method: unknown; params: unknown; session: ApiSession }[] = []
  private listeners = new Set<(event: PushedEventName, data: unknown) => void>()
  answer: () => Promise<Envelope<unknown>> = async () => ({ result: { ok: true } })
  call(method: unknown, params: unknown, session: ApiSession) {
    this.calls.push({ method, params, session })
    return this.answer()
  }
  subscribe(listener: (event: PushedEventName, data: unknown) => void) {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(event: PushedEventName, data: unknown) {
    for (const l of this.listeners) l(event, data)
  }
}

function setup() {
  const ipcMain = new FakeIpcMain()
  const endpoint = new RecordingEndpoint()
  const sessions = new WindowSessions()
  const refused: string[] = []
  const unregister = registerStoreApiIpc({
    ipcMain,
    endpoint,
    sessions,
    isTrustedSender: (e) => e.senderFrame?.url === 'file:///app/index.html',
    onRefused: (method) => refused.push(method),
  })
  return { ipcMain, endpoint, sessions, refused, unregister }
}

describe('StoreApi over IPC', () => {
  it('registers exactly one handler per StoreApi method, and removes them all', () => {
    const { ipcMain, unregister } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(channelOf).sort())
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('refuses an untrusted sender without reaching the store', async () => {
    const { ipcMain, endpoint, refused } = setup()
    const answer = await ipcMain.invoke(channelOf('sales.list'), untrusted, {})
    expect(answer).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } })
    expect(endpoint.calls).toEqual([])
    expect(refused).toEqual(['sales.list'])
  })

  it('passes the method, the input and the window session through', async () => {
    const { ipcMain, endpoint } = setup()
    const answer = await ipcMain.invoke(channelOf('catalog.search'), trusted(3), { query: 'milk' })
    expect(answer).toEqual({ result: { ok: true } })
    expect(endpoint.calls).toEqual([
      { method: 'catalog.search', params: { query: 'milk' }, session: { userId: null } },
    ])
  })

  it('keeps one session per window', async () => {
    const { ipcMain, endpoint, sessions } = setup()
    await ipcMain.invoke(channelOf('session.current'), trusted(1), {})
    endpoint.calls[0]!.session.userId = 'u1' // as a login in window 1 would
    await ipcMain.invoke(channelOf('session.current'), trusted(1), {})
    await ipcMain.invoke(channelOf('session.current'), trusted(2), {})
    expect(endpoint.calls.map((c) => c.session.userId)).toEqual(['u1', 'u1', null])
    sessions.drop(1)
    await ipcMain.invoke(channelOf('session.current'), trusted(1), {})
    expect(endpoint.calls[3]!.session.userId).toBe(null)
  })

  it('answers a thrown store failure with an INTERNAL envelope, never a rejection', async () => {
    const { ipcMain, endpoint } = setup()
    endpoint.answer = () => Promise.reject(new Error('disk on fire'))
    const answer = await ipcMain.invoke(channelOf('sync.status'), trusted(), {})
    expect(answer).toEqual({ error: { code: 'INTERNAL', message: expect.not.stringContaining('disk') } })
  })

  it('refuses extra arguments', async () => {
    const { ipcMain, endpoint } = setup()
    const answer = await ipcMain.invoke(channelOf('sync.status'), trusted(), {}, { sneaky: true })
    expect(answer).toMatchObject({ error: { code: 'VALIDATION' } })
    expect(endpoint.calls).toEqual([])
  })

  it('forwards pushed events to live windows only', () => {
    const endpoint = new RecordingEndpoint()
    const sent: unknown[][] = []
    const live = { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) }
    const dead = { isDestroyed: () => true, send: () => sent.push(['dead']) }
    const stop = forwardStoreEvents(endpoint, () => [live, dead])
    endpoint.emit('stock.changed', { productIds: ['p1'] })
    stop()
    endpoint.emit('stock.changed', { productIds: ['p2'] })
    expect(sent).toEqual([[eventsChannel, 'stock.changed', { productIds: ['p1'] }]])
  })
})

describe('StoreApi over IPC, backed by a real StoreNode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'allot-ipc-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('validates input with the shared schema and enforces login', async () => {
    const node = await openStoreNode({
      dataDir,
      logger: createLogger('test', 'silent'),
      backgroundJobs: false,
    })
    try {
      const ipcMain = new FakeIpcMain()
      registerStoreApiIpc({
        ipcMain,
        endpoint: node,
        sessions: new WindowSessions(),
        isTrustedSender: () => true,
      })
      expect(await ipcMain.invoke(channelOf('setup.status'), trusted(), {})).toMatchObject({
        result: { state: 'new' },
      })
      expect(await ipcMain.invoke(channelOf('catalog.search'), trusted(), { query: 1 })).toMatchObject({
        error: { code: 'VALIDATION' },
      })
      expect(await ipcMain.invoke(channelOf('catalog.search'), trusted(), { query: 'x' })).toMatchObject({
        error: { code: 'UNAUTHENTICATED' },
      })
    } finally {
      await node.close()
    }
  })
})
