import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createOrg,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  type RelayProcess,
  tempDir,
  apiOf,
  openNodeAt,
  ownerLogin,
} from '../support/index.ts'

let relay: RelayProcess
let relayDir: string
beforeAll(async () => {
  relayDir = tempDir('allot-link-relay-').path
  relay = await spawnRelay(relayDir)
  await createOrg(relay, 'chain')
})
afterAll(async () => {
  await stopRelay(relay)
  removeDir(relayDir)
})

describe('relay link', () => {
  it('explains a refused enrollment code in words, and changes nothing', async () => {
    const dir = tempDir('link-refused')
    const node = await openNodeAt(dir.path)
    try {
      const session = { userId: null }
      const refused = await node.call(
        'setup.joinOrganization',
        { relayUrl: relay.url, enrollmentCode: 'NOPE-NOPE-NOPE' },
        session,
      )
      expect(refused.error?.message).toMatch(/refused the enrollment code: \w/)
      expect(refused.error?.message).not.toContain('[object Object]')
      expect((await apiOf(node, session)['setup.status']({})).linked).toBe(false)
    } finally {
      await node.close()
      dir.remove()
    }
  })

  it('closes a linked store cleanly: nothing touches the database after close', async () => {
    const dir = tempDir('link-close')
    const node = await openNodeAt(dir.path)
    const owner = { userId: null }
    await apiOf(node, owner)['setup.createOrganization']({
      orgName: 'C',
      currency: 'EUR',
      storeName: 'S',
      storeCode: 'S',
      owner: ownerLogin,
    })
    const code = await http(relay, 'POST', '/admin/orgs/chain/enrollment-codes', { storeName: 'S' })
    await apiOf(node, owner)['sync.link']({ relayUrl: relay.url, enrollmentCode: code.json.code })
    // the two organization ids an integrator meets, named apart: the document's and the relay's
    const status = await apiOf(node, owner)['setup.status']({})
    expect(status.relayOrgId).toBe('chain')
    expect(status.docOrgId).toMatch(/^[0-9a-f-]{36}$/)
    const crashes: unknown[] = []
    const onError = (e: unknown) => crashes.push(e)
    process.on('uncaughtException', onError)
    try {
      await node.close()
      await new Promise((r) => setTimeout(r, 1500)) // past the state vector's save delay
      expect(crashes).toEqual([])
    } finally {
      process.off('uncaughtException', onError)
      dir.remove()
    }
  })
})
