import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStoreNode, tempDir, openRawApi, refusedUpgrade } from '../support/index.ts'

// The store API listens on loopback, and any web page the till's browser opens can try to reach
// 127.0.0.1: with a leaked token, or by rebinding its own DNS name to 127.0.0.1 (the browser then
// calls it same-origin). Browsers always send `Origin` (and the page's host as `Host`).

const rendererOrigin = 'http://127.0.0.1:5173'

describe('the store API checks Origin and Host (a store-node process)', () => {
  const dir = tempDir('api-origin')
  let node: Awaited<ReturnType<typeof startStoreNode>>
  let port: string
  const auth = () => ({ authorization: `Bearer ${node.token}` })

  beforeAll(async () => {
    node = await startStoreNode(dir.path, ['--allow-origin', `${rendererOrigin}/`])
    port = new URL(node.ready.api).port
  })
  afterAll(async () => {
    await node?.stop()
    dir.remove()
  })

  it('refuses a page of another origin with 403 and a JSON error, even with the right token', async () => {
    const refused = await refusedUpgrade(node.ready.api, {
      headers: { ...auth(), origin: 'https://evil.example' },
    })
    expect(refused.status).toBe(403)
    expect(JSON.parse(refused.body)).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Web pages from https://evil.example may not use this store API'),
    })
    // Near misses of the allowed origin are other origins.
    for (const origin of ['http://127.0.0.1:5174', 'http://localhost:5173', 'null', 'file://'])
      expect((await refusedUpgrade(node.ready.api, { headers: { ...auth(), origin } })).status).toBe(403)
  })

  it('refuses a rebound DNS name: a Host that is not a loopback name', async () => {
    const rebound = `attacker.example:${port}`
    for (const headers of [
      { ...auth(), host: rebound, origin: `http://${rebound}` },
      { ...auth(), host: rebound },
      { ...auth(), host: `127.0.0.1@attacker.example:${port}` },
    ]) {
      const refused = await refusedUpgrade(node.ready.api, { headers })
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'FORBIDDEN' })
    }
  })

  it('accepts the renderer it serves and clients that are not browsers (no Origin)', async () => {
    for (const headers of [
      { ...auth(), origin: rendererOrigin },
      { ...auth() },
      { ...auth(), host: `localhost:${port}` },
      { ...auth(), host: `127.0.0.1:${port}` },
    ]) {
      const api = await openRawApi(node.ready.api, { headers })
      expect((await api.call('setup.status', {})).result).toMatchObject({ state: 'new' })
      api.close()
    }
  })

  it('refuses an --allow-origin that would let any sandboxed page in', async () => {
    const other = tempDir('api-origin-null')
    try {
      await expect(startStoreNode(other.path, ['--allow-origin', 'null'])).rejects.toThrow(
        /exited with 2 before ready[\s\S]*--allow-origin/,
      )
    } finally {
      other.remove()
    }
  })
})
