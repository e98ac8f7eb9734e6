// Attack: send request paths the relay cannot decode. Bad percent-encoding answered 500 with an
// error-level log, also on the unauthenticated event-feed path, so anyone could fill the error
// log (and page whoever watches it); a request target that is not a URL at all made the error
// handler itself throw. Every such request now gets 400 `invalid-path`, logged at debug, and
// every relay HTTP error uses one shape: `{error: {code, message, details?}}`.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createOrg,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

let relay: RelayProcess
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir('allot-sec-paths-').path
  relay = await spawnRelay(dataDir, ['--log-level', 'info'])
  await createOrg(relay, 'acme')
})

afterAll(async () => {
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

/** Sends raw bytes and returns the whole answer (the relay closes or the timeout passes). */
function raw(bytes: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: relay.port }, () => socket.write(bytes))
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
      // one answer is enough: stop once its body is complete
      const head = text.indexOf('\r\n\r\n')
      const length = /content-length: (\d+)/i.exec(text)
      if (head >= 0 && length && text.length >= head + 4 + Number(length[1])) socket.destroy()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
    socket.setTimeout(5000, () => socket.destroy())
  })
}

const errorLines = () =>
  relay.stderr.filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50
    } catch {
      return false
    }
  })

describe('undecodable request paths', () => {
  it('answers 400 invalid-path on the feed, the admin API and integration-key routes', async () => {
    const feed = await http(relay, 'GET', '/v1/orgs/%E0%A4%A/events', undefined, 'none')
    expect(feed.status).toBe(400)
    expect(feed.json.error).toMatchObject({ code: 'invalid-path' })
    // feed v1 consumers read the same fields at the top level
    expect(feed.json.code).toBe('invalid-path')

    for (const path of [
      '/admin/orgs/%ZZ/enrollment-codes',
      '/admin/orgs/acme/devices/%E0%A4%A/revoke',
      '/admin/orgs/acme/integration-keys/%C0/revoke',
    ]) {
      const res = await http(relay, 'POST', path, {})
      expect(res.status, path).toBe(400)
      expect(res.json, path).toMatchObject({ error: { code: 'invalid-path' } })
    }
  })

  it('survives a request target that is not a URL, on HTTP and on the WebSocket upgrade', async () => {
    const answer = await raw('GET http://[ HTTP/1.1\r\nHost: relay\r\n\r\n')
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'invalid-path' } })
    // the relay is still up and serving
    expect((await http(relay, 'GET', '/healthz', undefined, 'none')).status).toBe(200)

    // the same target on an upgrade is a bad path (4400, "do not retry"), not a relay error (1011)
    const res = await raw(
      'GET http://[ HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    )
    expect(res.status).toBe(101)
    // the close frame: 0x88, length, then the code (big-endian) and the reason
    expect(res.body.charCodeAt(0)).toBe(0x88)
    expect(res.body.charCodeAt(2) * 256 + res.body.charCodeAt(3)).toBe(4400)
    expect(res.body.slice(4)).toBe('bad request path')
  })

  it('answers malformed HTTP and unknown routes in the same error shape', async () => {
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n')
    expect(garbage.status).toBe(400)
    expect(JSON.parse(garbage.body)).toMatchObject({ error: { code: 'bad-request' } })
    const missing = await http(relay, 'GET', '/nope', undefined, 'none')
    expect(missing.status).toBe(404)
    expect(missing.json).toMatchObject({ error: { code: 'not-found' } })
    const badInput = await http(relay, 'POST', '/admin/orgs', { name: '' })
    expect(badInput.status).toBe(400)
    expect(badInput.json.error).toMatchObject({
      code: 'invalid-input',
      details: { issues: [{ path: 'name' }] },
    })
  })

  it('logged none of it at error level', () => {
    expect(errorLines()).toEqual([])
  })
})
