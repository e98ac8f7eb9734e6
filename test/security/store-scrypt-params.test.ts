import { randomBytes, scryptSync } from 'node:crypto'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeUser } from '../../shared/core/schema.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { hashSecret, verifySecret } from '../../store-node/trust/passwords.ts'
import { openStoreNode, type StoreNode } from '../../store-node/store-node.ts'
import { tempDir, setUpStore } from '../support/index.ts'

// Password and PIN hashes reach every store through the shared document, which a rogue device can
// write. `scrypt$N$r$p$salt$hash` carries its own cost: a hash with p=64 made one PIN try take 2.7 s.

const b64 = (b: Buffer) => b.toString('base64url')

/** A hash of `secret` with any parameters, as a rogue device would write it. */
function craftedHash(secret: string, n: number, r: number, p: number, salt = randomBytes(16)): string {
  const key = scryptSync(secret, salt, 32, { N: n, r, p, maxmem: 256 * 1024 * 1024 })
  return ['scrypt', n, r, p, b64(salt), b64(key)].join('$')
}

describe('verifySecret', () => {
  it('accepts what hashSecret writes', async () => {
    expect(await verifySecret('1234', await hashSecret('1234'))).toBe(true)
    expect(await verifySecret('1235', await hashSecret('1234'))).toBe(false)
  })

  it('treats a correct hash with parameters outside the bounds as no match, and says why without the hash', async () => {
    for (const [n, r, p, why] of [
      [2 ** 14, 8, 3, 'p=3'],
      [2 ** 14, 9, 1, 'r=9'],
      [2 ** 13, 8, 1, 'N=8192'],
    ] as const) {
      const stored = craftedHash('1234', n, r, p)
      const refused: string[] = []
      expect(await verifySecret('1234', stored, (w) => refused.push(w))).toBe(false)
      expect(refused).toEqual([why])
    }
    const longSalt = craftedHash('1234', 2 ** 14, 8, 1, randomBytes(65))
    const reasons: string[] = []
    expect(await verifySecret('1234', longSalt, (w) => reasons.push(w))).toBe(false)
    expect(reasons).toEqual(['salt of 65 bytes'])
  })

  it('never runs scrypt for an expensive hash (p=64, N=2^20)', async () => {
    const salt = b64(randomBytes(16))
    const hash = b64(randomBytes(32))
    const started = performance.now()
    expect(await verifySecret('1234', `scrypt$16384$8$64$${salt}$${hash}`)).toBe(false)
    expect(await verifySecret('1234', `scrypt$1048576$8$1$${salt}$${hash}`)).toBe(false)
    expect(await verifySecret('1234', `scrypt$16384$8$1$${salt}$${hash}$extra`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(100)
  })
})

describe('a PIN hash with p=64 written into the shared document', () => {
  const logs: string[] = []
  let dir: ReturnType<typeof tempDir>
  let node: StoreNode
  let owner: Session

  beforeEach(async () => {
    dir = tempDir('scrypt-params')
    node = await openStoreNode({
      dataDir: dir.path,
      logger: pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) }),
      backgroundJobs: false,
    })
    ;({ owner } = await setUpStore(node, 0))
  })
  afterEach(async () => {
    await node.close()
    dir.remove()
  })

  it('answers "wrong PIN" at once, without hashing, and logs a warning without the hash', async () => {
    // The rogue device's update, as the relay would deliver it: a user with an expensive PIN hash.
    const rogue = new Y.Doc()
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(node.store.doc))
    const before = Y.encodeStateVector(rogue)
    const salt = b64(randomBytes(16))
    const hash = b64(randomBytes(32))
    // written by another till of the same store, so this store verifies the record and checks it
    rogue.transact(() => {
      rogue.getMap('replicas').set('r-rogue', {
        storeId: node.identity.storeId!,
        storeName: 'Till 2',
        status: 'active',
      })
      writeUser(rogue, 'rogue-user', {
        username: 'slowpoke',
        role: 'cashier',
        passwordHash: '',
        pinHash: `scrypt$16384$8$64$${salt}$${hash}`,
        storeIds: [node.identity.storeId!],
        disabled: false,
      })
    })
    Y.applyUpdate(node.store.doc, Y.encodeStateAsUpdate(rogue, before), 'relay')

    const started = performance.now()
    const answer = await node.call(
      'session.login',
      { method: 'pin', username: 'slowpoke', pin: '1234' },
      owner,
    )
    expect(performance.now() - started).toBeLessThan(500)
    expect(answer.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong username or PIN' })
    const warned = logs.filter((l) => l.includes('stored secret hash refused'))
    expect(warned).toHaveLength(1)
    expect(warned[0]).toContain('p=64')
    expect(logs.join('\n')).not.toContain(hash)
    expect(logs.join('\n')).not.toContain(salt)
  })
})
