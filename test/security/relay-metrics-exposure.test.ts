// Attack: read /metrics without credentials. It lists organization, replica and device ids and
// store names (the per-store gauges), which is a map of the chain for anyone who can reach the
// relay. /metrics now needs a bearer key: DATA/metrics-key (or --metrics-key-file), which a
// Prometheus scrape reads from a file, or the admin key.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  type EnrolledDevice,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

let relay: RelayProcess
let dataDir: string
let device: EnrolledDevice

beforeAll(async () => {
  dataDir = tempDir('allot-sec-metrics-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, 'secret-chain')
  device = await enrollDevice(relay, 'secret-chain', 'r-hidden')
  const peer = new TestPeer(`${relay.wsUrl}/sync/secret-chain`, { token: device.token })
  await peer.waitSynced()
  peer.close()
})

afterAll(async () => {
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

describe('GET /metrics', () => {
  it('refuses anyone without the metrics or admin key, and tells nothing', async () => {
    for (const auth of ['none', { bearer: 'wrong-key-wrong-key' }, { bearer: device.token }] as const) {
      const res = await http(relay, 'GET', '/metrics', undefined, auth)
      expect(res.status).toBe(401)
      expect(res.json.error.code).toBe('unauthorized')
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const text = JSON.stringify(res.json)
      for (const secret of ['secret-chain', 'r-hidden', device.deviceId, 'Store r-hidden'])
        expect(text).not.toContain(secret)
    }
  })

  it('serves the scrape with the metrics key (DATA/metrics-key, 0600) or the admin key', async () => {
    const keyFile = join(dataDir, 'metrics-key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(relay.metricsKey)
    const scrape = await http(relay, 'GET', '/metrics', undefined, { bearer: relay.metricsKey })
    expect(scrape.status).toBe(200)
    expect(String(scrape.json)).toContain('store="Store r-hidden"')
    expect((await http(relay, 'GET', '/metrics', undefined, 'admin')).status).toBe(200)
    // the metrics key opens nothing else
    expect((await http(relay, 'GET', '/admin/orgs', undefined, { bearer: relay.metricsKey })).status).toBe(
      401,
    )
  })

  it('uses the key file given with --metrics-key-file, and keeps its mode', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'allot-sec-metrics-key-'))
    const dir = tempDir('allot-sec-metrics-2-').path
    let second: RelayProcess | undefined
    try {
      const keyFile = join(keyDir, 'prometheus-shared-key')
      writeFileSync(keyFile, 'a-key-the-operator-chose-0123456789\n', { mode: 0o640 })
      second = await spawnRelay(dir, ['--metrics-key-file', keyFile])
      expect(second.metricsKey).toBe('a-key-the-operator-chose-0123456789')
      expect(statSync(keyFile).mode & 0o777).toBe(0o640)
      const ok = await http(second, 'GET', '/metrics', undefined, {
        bearer: 'a-key-the-operator-chose-0123456789',
      })
      expect(ok.status).toBe(200)
      expect((await http(second, 'GET', '/metrics', undefined, 'none')).status).toBe(401)
    } finally {
      if (second) await stopRelay(second)
      removeDir(dir)
      rmSync(keyDir, { recursive: true, force: true })
    }
  })
})
