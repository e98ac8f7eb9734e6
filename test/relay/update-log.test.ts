import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'

const dirs: string[] = []
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allot-updatelog-'))
  dirs.push(dir)
  return join(dir, 'test.db')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('YUpdateLog', () => {
  it('appends, reloads in order, compacts through the live doc and survives reopening', () => {
    const path = tempDbPath()
    const db = openDatabase(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    const log = new YUpdateLog(db)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => log.append('org-a', update))
    const events = doc.getArray<{ seq: number }>('log:r1')
    for (let seq = 1; seq <= 50; seq++) events.push([{ seq }])
    doc.getMap('meta').set('orgId', 'org-a')
    // another doc in the same table must stay separate
    log.append('org-b', Y.encodeStateAsUpdate(new Y.Doc()))
    expect(log.stats('org-a').rows).toBe(51)

    const reloaded = new Y.Doc()
    const origin = { name: 'load' }
    let seenOrigin: unknown
    reloaded.on('update', (_u: Uint8Array, o: unknown) => (seenOrigin = o))
    const loaded = log.load('org-a', reloaded, origin)
    expect(loaded.rows).toBe(51)
    expect(loaded.bytes).toBeGreaterThan(0)
    expect(seenOrigin).toBe(origin)
    expect(reloaded.getArray('log:r1').length).toBe(50)

    // deletions must survive compaction as tombstones
    events.delete(0, 10)
    log.compact('org-a', doc)
    expect(log.stats('org-a').rows).toBe(1)
    expect(log.stats('org-b').rows).toBe(1)
    db.close()

    const db2 = openDatabase(path)
    const log2 = new YUpdateLog(db2)
    const afterReopen = new Y.Doc()
    log2.load('org-a', afterReopen)
    expect(
      afterReopen
        .getArray<{ seq: number }>('log:r1')
        .toArray()
        .map((e) => e.seq),
    ).toEqual(Array.from({ length: 40 }, (_, i) => i + 11))
    expect(afterReopen.getMap('meta').get('orgId')).toBe('org-a')
    db2.close()
  })

  it('supports a custom table and batching appends in a caller transaction', () => {
    const db = openDatabase(tempDbPath())
    const log = new YUpdateLog(db, 'store_doc_updates')
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    doc.getMap('products').set('p1', { sku: 'A' })
    doc.getMap('products').set('p2', { sku: 'B' })
    db.transaction(() => {
      for (const u of updates) log.append('d', u)
    })()
    expect(log.stats('d')).toEqual({ rows: 2, bytes: updates[0]!.byteLength + updates[1]!.byteLength })
    expect(() => new YUpdateLog(db, 'bad; DROP')).toThrow()
    db.close()
  })
})

describe('compaction keeps what Yjs has parked', () => {
  it('stores pending structs (updates whose dependencies have not arrived) across a compaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'allot-compact-pending-'))
    try {
      const source = new Y.Doc()
      const updates: Uint8Array[] = []
      source.on('update', (u: Uint8Array) => updates.push(u))
      source.getArray('log:r').push([{ seq: 1 }])
      source.getArray('log:r').push([{ seq: 2 }])
      const db = openDatabase(join(dir, 'log.db'))
      const log = new YUpdateLog(db)
      const relay = new Y.Doc()
      // The second update arrives first: Yjs parks it until the first is there.
      log.append('org', updates[1]!)
      Y.applyUpdate(relay, updates[1]!)
      expect(relay.store.pendingStructs).not.toBeNull()
      log.compact('org', relay)
      const reloaded = new Y.Doc()
      log.load('org', reloaded)
      Y.applyUpdate(reloaded, updates[0]!)
      expect(reloaded.getArray('log:r').toJSON()).toEqual([{ seq: 1 }, { seq: 2 }])
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
