import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSubprotocols } from '../../shared/api/ws-auth.ts'
import { startStoreNode, tempDir, openRawApi, refusedUpgrade } from '../support/index.ts'

// A token in a URL's query string reaches the server that served the page, proxies' and servers'
// access logs, the browser history and Referer headers. The store API takes it from a header, or
// (browsers cannot set headers on a WebSocket) from the `bearer.<token>` subprotocol.

describe('the store API token never travels in a URL (a store-node process)', () => {
  const dir = tempDir('api-token')
  let node: Awaited<ReturnType<typeof startStoreNode>>

  beforeAll(async () => {
    node = await startStoreNode(dir.path)
  })
  afterAll(async () => {
    await node?.stop()
    dir.remove()
  })

  it('refuses ?token= with 401 and says where the token goes, even when it is right', async () => {
    const inUrl = `${node.ready.api}/?token=${node.token}`
    const refused = await refusedUpgrade(inUrl)
    expect(refused.status).toBe(401)
    expect(JSON.parse(refused.body)).toEqual({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('Never put the API token in the URL'),
    })
    const withHeaderToo = await refusedUpgrade(inUrl, { headers: { authorization: `Bearer ${node.token}` } })
    expect(withHeaderToo.status).toBe(401)
  })

  it('accepts the token as the bearer.<token> subprotocol and selects the API protocol, not the token', async () => {
    const api = await openRawApi(node.ready.api, { protocols: apiSubprotocols(node.token) })
    expect(api.socket.protocol).toBe('allot.store-api')
    expect((await api.call('setup.status', {})).result).toMatchObject({ state: 'new' })
    api.close()
    const wrong = await refusedUpgrade(node.ready.api, { protocols: apiSubprotocols('x'.repeat(43)) })
    expect(wrong.status).toBe(401)
  })

  it('accepts Authorization: Bearer, as before', async () => {
    const api = await openRawApi(node.ready.api, { headers: { authorization: `Bearer ${node.token}` } })
    expect((await api.call('setup.status', {})).result).toMatchObject({ state: 'new' })
    api.close()
    expect((await refusedUpgrade(node.ready.api)).status).toBe(401)
  })
})
