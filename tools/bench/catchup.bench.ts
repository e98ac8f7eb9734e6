import { join } from 'node:path'
import pino from 'pino'
import * as Y from 'yjs'
import { createDocFold } from '../../shared/core/fold.ts'
import { createReplicaOps } from '../../shared/core/operations.ts'
import { writeReplica } from '../../shared/core/schema.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { openStoreNode, type StoreNode } from '../../store-node/store-node.ts'
import { issueCode, owner } from '../cluster/chain.ts'
import { tempDir } from '../cluster/processes.ts'
import { createOrg, spawnRelay, stopRelay, type RelayProcess } from '../cluster/relay-harness.ts'
import { benchRelayArgs } from './relay.bench.ts'
import type { BenchRow } from './report.ts'
import { startYWebsocketServer, type Child } from './support/children.ts'
import { closeNode } from './support/close-node.ts'
import { LightPeer, enrollMany } from './support/peers.ts'

const silent = pino({ level: 'silent' })

/**
 * (d) Catch-up: a linked store node goes offline; another replica appends `events` events
 * (restocks and sales, written through the core ops, 500 per update); the node starts again and we
 * time open → its fold, its ledger and the ledger's read indexes hold every one of them. Baseline: a bare Y.Doc y-websocket client
 * syncing the same document from @y/websocket-server (no fold, no ledger, no disk).
 */
export async function benchCatchUp(events: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-catchup')
  let relay: RelayProcess | undefined
  let yws: Child | undefined
  const peers: LightPeer[] = []
  try {
    relay = await spawnRelay(join(dir.path, 'relay'), benchRelayArgs)
    await createOrg(relay, 'chain')
    const session: Session = { userId: null }
    let node: StoreNode = await openStoreNode({
      dataDir: join(dir.path, 'store'),
      logger: silent,
      backgroundJobs: false,
    })
    const must = async (method: string, params: unknown) => {
      const r = await node.call(method, params, session)
      if (r.error) throw new Error(`${method}: ${r.error.message}`)
      return r.result as { id: string; storeId?: string }
    }
    await must('setup.createOrganization', {
      orgName: 'Chain',
      currency: 'EUR',
      storeName: 'A',
      storeCode: 'A',
      owner,
    })
    const product = await must('catalog.upsert', {
      sku: 'C-1',
      name: 'Catch-up item',
      priceMinor: 199,
      taxRateBp: 700,
    })
    await must('sync.link', { relayUrl: relay.url, enrollmentCode: await issueCode(relay, 'chain', 'A') })
    const storeId = node.identity.storeId ?? 'store'
    await closeNode(node)

    // Another till writes `events` events while the store is offline.
    const writerId = 'writer-till'
    const tokens = await enrollMany(relay, 'chain', [writerId])
    const writer = new LightPeer(`${relay.wsUrl}/sync/chain`, {
      doc: new Y.Doc(),
      token: tokens.get(writerId)!,
    })
    peers.push(writer)
    await writer.until(() => writer.synced, 10_000, 'writer sync')
    // The till writes one event per transaction, as the ops require; its updates go out 500 at a time.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc!))
    let outbox: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => outbox.push(u))
    const flush = () => {
      if (outbox.length > 0) Y.applyUpdate(writer.doc!, Y.mergeUpdates(outbox))
      outbox = []
    }
    const fold = createDocFold(doc)
    let n = 0
    const ops = createReplicaOps(doc, fold, {
      replicaId: writerId,
      now: () => new Date().toISOString(),
      newId: () => `w-${++n}`,
    })
    doc.transact(() => writeReplica(doc, writerId, { storeId, storeName: 'A', status: 'active' }))
    // One restock of everything, then sales (the fold sees the restock once its transaction ends).
    ops.restock({ by: 'bench', productId: product.id, qty: events })
    for (let k = 1; k < events; k++) {
      ops.sell({ by: 'bench', lines: [{ productId: product.id, qty: 1 }], payment: { method: 'card' } })
      if (k % 500 === 0) {
        flush()
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    flush()
    const lastSeq = fold.logInfo(writerId).lastSeq
    // The relay has them all once it has echoed them back to the writer.
    const echoed = writer.frames
    await writer.until(
      () => writer.frames >= echoed && writer.doc!.getArray(`log:${writerId}`).length >= lastSeq,
      30_000,
      'writer echo',
    )
    await new Promise((r) => setTimeout(r, 300))

    const start = performance.now()
    node = await openStoreNode({ dataDir: join(dir.path, 'store'), logger: silent, backgroundJobs: false })
    const ledgerCount = node.db.prepare('SELECT count(*) AS n FROM ledger WHERE replica_id = ?')
    const reached = () =>
      node.fold.logInfo(writerId).lastSeq >= lastSeq &&
      (ledgerCount.get(writerId) as { n: number }).n >= lastSeq
    while (!reached()) {
      if (performance.now() - start > 60_000) throw new Error('catch-up incomplete after 60 s')
      await new Promise((r) => setTimeout(r, 2))
    }
    // Reports see them too: the ledger's read indexes, written after the commit, are included.
    node.store.ledger.index.catchUp()
    const allot = performance.now() - start
    await closeNode(node)

    // Baseline: the same document from @y/websocket-server into a bare Y.Doc.
    yws = await startYWebsocketServer()
    const url = `ws://127.0.0.1:${yws.ready.port}/sync/chain`
    const seed = new LightPeer(url, { doc: new Y.Doc() })
    peers.push(seed)
    await seed.until(() => seed.synced, 10_000, 'seed sync')
    Y.applyUpdate(seed.doc!, Y.encodeStateAsUpdate(doc))
    await new Promise((r) => setTimeout(r, 500))
    const t0 = performance.now()
    const fresh = new LightPeer(url, { doc: new Y.Doc() })
    peers.push(fresh)
    await fresh.until(
      () => fresh.doc!.getArray(`log:${writerId}`).length >= lastSeq,
      60_000,
      'baseline catch-up',
    )
    const baseline = performance.now() - t0
    return [
      {
        group: 'd. catch-up',
        metric: `${lastSeq} foreign events: open → fold + ledger + its indexes`,
        unit: 'ms',
        allot,
        baseline,
        baselineName: 'bare Y.Doc from @y/websocket-server',
        goal: '≤ 1000 ms',
        met: allot <= 1000,
      },
    ]
  } finally {
    for (const p of peers) p.close()
    if (relay) await stopRelay(relay)
    if (yws) await yws.kill()
    dir.remove()
  }
}
