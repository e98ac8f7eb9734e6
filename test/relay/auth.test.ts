// Device auth and the admin API against the in-process relay, its debug log captured.
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  withTimeout,
  tempDir,
  startInProcessRelay,
  type InProcessRelay,
} from '../support/index.ts'

let relay: InProcessRelay
const logLines: string[] = []
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir('allot-relay-auth-').path
  relay = await startInProcessRelay({
    dataDir,
    log: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }),
  })
  await createOrg(relay, 'acme')
  await createOrg(relay, 'other')
})

afterAll(async () => {
  await relay.stop()
  removeDir(dataDir)
})

const closeOf = (peer: TestPeer) => withTimeout(peer.closed, 5000, 'close')

describe('device auth', () => {
  it('closes 4401 without a token and with a bad token', async () => {
    expect(await closeOf(new TestPeer(`${relay.wsUrl}/sync/acme`))).toMatchObject({
      code: 4401,
      reason: 'missing device token',
    })
    expect(await closeOf(new TestPeer(`${relay.wsUrl}/sync/acme`, { token: 'alt_nope' }))).toMatchObject({
      code: 4401,
    })
    expect(await closeOf(new TestPeer(`${relay.wsUrl}/sync/acme?token=alt_nope`))).toMatchObject({
      code: 4401,
    })
  })

  it('accepts the token from the Authorization header, ?token= and Sec-WebSocket-Protocol', async () => {
    const device = await enrollDevice(relay, 'acme', 'r-ways')
    const viaHeader = new TestPeer(`${relay.wsUrl}/sync/acme`, { token: device.token })
    const viaQuery = new TestPeer(`${relay.wsUrl}/sync/acme?token=${device.token}`)
    const viaProtocol = new TestPeer(`${relay.wsUrl}/sync/acme`, {
      protocols: ['y-sync', `bearer.${device.token}`],
    })
    await Promise.all([viaHeader.waitSynced(), viaQuery.waitSynced(), viaProtocol.waitSynced()])
    expect(viaProtocol.ws.protocol).toBe('y-sync')
    for (const p of [viaHeader, viaQuery, viaProtocol]) p.close()
  })

  it('refuses another org, an unknown protocol version and a document of another org', async () => {
    const device = await enrollDevice(relay, 'acme', 'r-scope')
    expect(await closeOf(new TestPeer(`${relay.wsUrl}/sync/other`, { token: device.token }))).toMatchObject({
      code: 4403,
    })
    expect(
      await closeOf(new TestPeer(`${relay.wsUrl}/sync/acme?v=99`, { token: device.token })),
    ).toMatchObject({ code: 4426 })

    // standalone linking: the empty org adopts the first document, a different one is refused
    const linked = new TestPeer(`${relay.wsUrl}/sync/acme?docOrg=standalone-1`, { token: device.token })
    await linked.waitSynced()
    linked.close()
    const same = new TestPeer(`${relay.wsUrl}/sync/acme`, {
      token: device.token,
      headers: { 'x-allot-doc-org': 'standalone-1' },
    })
    await same.waitSynced()
    same.close()
    const foreign = await closeOf(
      new TestPeer(`${relay.wsUrl}/sync/acme?docOrg=standalone-2`, { token: device.token }),
    )
    expect(foreign.code).toBe(4409)
    expect(foreign.reason).toContain('another organization')
  })

  it('revoking a device closes its open sockets within 5 s and refuses it afterwards', async () => {
    const device = await enrollDevice(relay, 'acme', 'r-revoke')
    const peer = new TestPeer(`${relay.wsUrl}/sync/acme`, { token: device.token })
    await peer.waitSynced()
    const list = await http(relay, 'GET', '/admin/orgs/acme/devices')
    const listed = list.json.devices.find((d: { deviceId: string }) => d.deviceId === device.deviceId)
    expect(listed).toMatchObject({ replicaId: 'r-revoke', connections: 1, sync: { state: 'online' } })
    expect(listed.lastSeenAt).toBeTruthy()

    const revokedAt = Date.now()
    const res = await http(relay, 'POST', `/admin/orgs/acme/devices/${device.deviceId}/revoke`)
    expect(res.status).toBe(200)
    const close = await withTimeout(peer.closed, 5000, 'revoked socket close')
    expect(close.code).toBe(4403)
    expect(Date.now() - revokedAt).toBeLessThan(5000)
    expect(await closeOf(new TestPeer(`${relay.wsUrl}/sync/acme`, { token: device.token }))).toMatchObject({
      code: 4403,
      reason: 'device revoked',
    })
  })

  it('enrollment codes are single use and a replicaId binds to one device', async () => {
    const code = await http(relay, 'POST', '/admin/orgs/acme/enrollment-codes', { storeName: 'Downtown' })
    expect(code.status).toBe(201)
    const first = await http(relay, 'POST', '/enroll', { code: code.json.code, replicaId: 'r-once' }, 'none')
    expect(first.status).toBe(201)
    expect(first.json).toMatchObject({ orgId: 'acme', replicaId: 'r-once', storeName: 'Downtown' })
    const reused = await http(
      relay,
      'POST',
      '/enroll',
      { code: code.json.code, replicaId: 'r-twice' },
      'none',
    )
    expect(reused.status).toBe(401)
    expect(reused.json.error.code).toBe('code-used')

    const second = await http(relay, 'POST', '/admin/orgs/acme/enrollment-codes', {})
    const clone = await http(
      relay,
      'POST',
      '/enroll',
      { code: second.json.code, replicaId: 'r-once' },
      'none',
    )
    expect(clone.status).toBe(409)
    expect(clone.json.error.code).toBe('replica-bound')
  })

  it('guards the admin API with the admin key and keeps secrets out of the logs', async () => {
    expect((await http(relay, 'GET', '/admin/orgs', undefined, 'none')).status).toBe(401)
    const orgs = await http(relay, 'GET', '/admin/orgs')
    expect(orgs.json.orgs.map((o: { id: string }) => o.id)).toEqual(['acme', 'other'])
    const device = await enrollDevice(relay, 'acme', 'r-secret')
    const peer = new TestPeer(`${relay.wsUrl}/sync/acme?token=${device.token}`)
    await peer.waitSynced()
    peer.close()
    const logs = logLines.join('')
    expect(logs).toContain('device enrolled') // the log is captured, so the checks below can fail
    expect(logs).not.toContain(device.token)
    expect(logs).not.toContain(relay.adminKey)
  })
})
