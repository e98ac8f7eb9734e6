import { Agent, request } from 'node:http'
import { join } from 'node:path'
import pino from 'pino'
import { openDatabase } from '../../shared/node/sqlite.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { openStoreNode, type StoreNode } from '../../store-node/store-node.ts'
import { issueCode, owner } from '../cluster/chain.ts'
import { tempDir } from '../cluster/processes.ts'
import { createOrg, spawnRelay, stopRelay } from '../cluster/relay-harness.ts'
import type { BenchRow } from './report.ts'
import { summarize } from './stats.ts'
import { closeNode } from './support/close-node.ts'
import { startCentralServer, startDelayProxy, type Child } from './support/children.ts'

const PRODUCTS = 10
/** BENCH_DEBUG=1 prints the phases' timings on stderr. */
const debug = (text: string): void => {
  if (process.env.BENCH_DEBUG) process.stderr.write(text)
}
const ONE_WAY_MS = 15

interface Till {
  sell(i: number): Promise<boolean>
}

/** Runs every till in a closed loop for `ms`: one sale at a time per till, all tills at once. */
async function sellFor(
  tills: Till[],
  ms: number,
  perTill = Number.POSITIVE_INFINITY,
): Promise<{ latencies: number[]; ok: number; failed: number; seconds: number }> {
  const latencies: number[] = []
  let ok = 0
  let failed = 0
  const start = performance.now()
  const end = start + ms
  await Promise.all(
    tills.map(async (till) => {
      for (let i = 0; performance.now() < end && i < perTill; i++) {
        const t0 = performance.now()
        if (await till.sell(i)) {
          ok++
          latencies.push(performance.now() - t0)
        } else {
          failed++
          // A failed attempt (no network) is retried after a short pause, as a till would.
          await new Promise((r) => setTimeout(r, 50))
        }
      }
    }),
  )
  return { latencies, ok, failed, seconds: (performance.now() - start) / 1000 }
}

/**
 * Open-loop load: sales arrive chain-wide as a Poisson process at `perSecond`, each at a random
 * till, and each starts when it arrives whether or not earlier ones have finished (a customer
 * does not wait for another store's sale). Latency is arrival → acknowledged.
 */
async function sellAtRate(tills: Till[], perSecond: number, count: number): Promise<number[]> {
  let seed = 7
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
  const out: number[] = []
  const inFlight: Array<Promise<void>> = []
  const start = performance.now()
  let at = 0
  for (let i = 0; i < count; i++) {
    at += (-Math.log(1 - random()) / perSecond) * 1000
    const wait = start + at - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const t0 = performance.now()
    const till = tills[Math.floor(random() * tills.length)]!
    inFlight.push(
      till.sell(i).then((ok) => {
        if (ok) out.push(performance.now() - t0)
      }),
    )
  }
  await Promise.all(inFlight)
  return out
}

/** The floor of any durable till: one WAL transaction (synchronous=FULL) per sale, nothing else. */
function rawAppendTill(file: string): Till & { close(): void } {
  const db = openDatabase(file)
  db.exec('CREATE TABLE sales (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO sales (body) VALUES (?)')
  const append = db.transaction((body: string) => insert.run(body))
  return {
    sell: async (i) => {
      append(JSON.stringify({ productId: `p-${i % PRODUCTS}`, qty: 1, at: new Date().toISOString() }))
      return true
    },
    close: () => db.close(),
  }
}

function httpTill(port: number, store: number): Till {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  return {
    sell: (i) =>
      new Promise<boolean>((resolve) => {
        const body = JSON.stringify({
          productId: `p-${(store + i) % PRODUCTS}`,
          qty: 1,
          saleId: `s${store}-${i}-${Math.random()}`,
        })
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/sell',
            method: 'POST',
            agent,
            timeout: 2000,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume()
            res.on('end', () => {
              if (process.env.BENCH_DEBUG && res.statusCode !== 200)
                process.stderr.write(`central: HTTP ${res.statusCode}\n`)
              resolve(res.statusCode === 200)
            })
            res.on('error', () => resolve(false))
          },
        )
        req.on('timeout', () => req.destroy(new Error('timeout')))
        req.on('error', (e) => {
          if (process.env.BENCH_DEBUG) process.stderr.write(`central: ${String(e)}\n`)
          resolve(false)
        })
        req.end(body)
      }),
  }
}

function nodeTill(node: StoreNode, session: Session, products: string[], store: number): Till {
  return {
    sell: async (i) => {
      const r = await node.call(
        'sales.checkout',
        {
          idempotencyKey: `b-${store}-${i}-${Math.random()}`,
          lines: [{ productId: products[(store + i) % PRODUCTS]!, qty: 1 }],
          payment: { method: 'card' },
        },
        session,
      )
      return !r.error
    },
  }
}

/**
 * (b) The central-lock baseline: an HTTP + SQLite inventory server (one round trip per sale,
 * synchronous=FULL) behind a proxy adding 15 ms each way, 20 stores selling at once; against 20
 * in-process Allot store nodes linked to a real relay through the same kind of proxy, selling
 * locally. Then both proxies are killed (the network is cut) and both keep trying.
 */
export async function benchCentral(
  stores: number,
  sellMs: number,
  cutMs: number,
  allotSales: number,
  /** Chain-wide sales per second of the paced run (both sides). */
  pacedPerSecond = stores * 2,
): Promise<BenchRow[]> {
  const dir = tempDir('bench-central')
  const children: Child[] = []
  const nodes: StoreNode[] = []
  let relay: Awaited<ReturnType<typeof spawnRelay>> | undefined
  try {
    // Baseline: central server behind the delay proxy.
    const central = await startCentralServer(join(dir.path, 'central.db'), PRODUCTS, 10_000_000)
    children.push(central)
    const centralProxy = await startDelayProxy(central.ready.port, ONE_WAY_MS)
    children.push(centralProxy)
    const httpTills = Array.from({ length: stores }, (_, s) => httpTill(centralProxy.ready.port, s))
    await sellFor(httpTills, 500)
    const basePaced = await sellAtRate(httpTills, pacedPerSecond, allotSales)
    const base = await sellFor(httpTills, sellMs)
    await centralProxy.kill('SIGKILL')
    const baseCut = await sellFor(httpTills, cutMs)
    // What this machine's idle wake-ups cost any durable write under the same pacing,
    // measured while nothing else runs.
    const raw = rawAppendTill(join(dir.path, 'raw.db'))
    const rawPaced = await sellAtRate([raw], pacedPerSecond, allotSales)
    raw.close()

    // Allot: a relay behind the same kind of proxy; 20 store nodes in this process link through it.
    relay = await spawnRelay(join(dir.path, 'relay'), [])
    await createOrg(relay, 'chain')
    const relayProxy = await startDelayProxy(relay.port, ONE_WAY_MS, stores)
    children.push(relayProxy)
    const setupStart = performance.now()
    const sessions: Session[] = []
    const productIds: string[] = []
    for (let s = 0; s < stores; s++) {
      const node = await openStoreNode({
        dataDir: join(dir.path, `store-${s}`),
        logger: pino({ level: 'silent' }),
        backgroundJobs: false,
      })
      nodes.push(node)
      const session: Session = { userId: null }
      sessions.push(session)
      const must = async (method: string, params: unknown) => {
        const r = await node.call(method, params, session)
        if (r.error) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`)
        return r.result as { id: string }
      }
      const code = await issueCode(relay, 'chain', `Store ${s}`)
      const relayUrl = `http://127.0.3.${s + 1}:${relayProxy.ready.port}`
      if (s === 0) {
        await must('setup.createOrganization', {
          orgName: 'Chain',
          currency: 'EUR',
          storeName: 'Store 0',
          storeCode: 'S0',
          owner,
        })
        for (let p = 0; p < PRODUCTS; p++)
          productIds.push(
            (
              await must('catalog.upsert', {
                sku: `B-${p}`,
                name: `Bench item ${p}`,
                priceMinor: 199,
                taxRateBp: 700,
              })
            ).id,
          )
        await must('sync.link', { relayUrl, enrollmentCode: code })
      } else {
        await must('setup.joinOrganization', {
          relayUrl,
          enrollmentCode: code,
          storeName: `Store ${s}`,
          storeCode: `S${s}`,
        })
        await must('session.login', { method: 'password', ...owner })
      }
      for (const productId of productIds) await must('stock.restock', { productId, qty: 1_000_000 })
      if (process.env.BENCH_DEBUG)
        process.stderr.write(
          `  store ${s} ready at ${((performance.now() - setupStart) / 1000).toFixed(1)} s\n`,
        )
    }
    process.stderr.write(`  ${stores} linked store nodes ready\n`)
    const nodeTills = nodes.map((n, s) => nodeTill(n, sessions[s]!, productIds, s))

    debug(`  selling at ${performance.now().toFixed(0)}\n`)
    // Latency: the same paced, open-loop load on both sides. Every Allot sale is also uploaded,
    // persisted by the relay and applied by the 19 other stores, all in this process, so the
    // figure includes competing with 19 stores' replication on a 2-core machine. Throughput: all
    // tills at once in a closed loop, a fixed number of sales (the other stores apply each one).
    await sellAtRate(nodeTills, pacedPerSecond, 40)
    const allotPaced = await sellAtRate(nodeTills, pacedPerSecond, allotSales)
    debug(`  paced done at ${performance.now().toFixed(0)} (${allotPaced.length} sales)\n`)
    const allot = await sellFor(nodeTills, 60_000, Math.ceil(allotSales / stores))
    debug(`  at-once done at ${performance.now().toFixed(0)} (${allot.ok} sales)\n`)

    // Cut the network: the relay is unreachable. (This also drops the backlog of the other 19
    // stores' updates that this one process, playing all 20 stores, could not apply in time.)
    await relayProxy.kill('SIGKILL')
    debug(`  cut at ${performance.now().toFixed(0)}\n`)
    const allotCut = await sellFor(nodeTills, cutMs)

    const a = summarize(allotPaced)
    const bp = summarize(basePaced)
    const rp = summarize(rawPaced)
    const c = summarize(allot.latencies)
    const b = summarize(base.latencies)
    const paced = `${stores} stores, ${pacedPerSecond} sales/s chain-wide`
    const g = 'b. central lock'
    const bn = 'central HTTP+SQLite, 30 ms RTT'
    return [
      {
        group: g,
        metric: `checkout p50, ${paced}`,
        unit: 'ms',
        allot: a.p50,
        baseline: bp.p50,
        baselineName: bn,
        goal: '≥ 50× lower',
        met: a.p50 * 50 <= bp.p50,
      },
      {
        group: g,
        metric: `checkout p99, ${paced}`,
        unit: 'ms',
        allot: a.p99,
        baseline: bp.p99,
        baselineName: bn,
      },
      {
        group: g,
        metric: `floor: raw durable append p50, same pacing`,
        unit: 'ms',
        allot: rp.p50,
        baseline: bp.p50,
        baselineName: bn,
      },
      {
        group: g,
        metric: `checkout p50, ${stores} tills in a closed loop on one process`,
        unit: 'ms',
        allot: c.p50,
        baseline: b.p50,
        baselineName: bn,
      },
      {
        group: g,
        metric: `sales/s, ${stores} tills in a closed loop`,
        unit: '/s',
        allot: allot.ok / allot.seconds,
        baseline: base.ok / base.seconds,
        baselineName: bn,
      },
      {
        group: g,
        metric: `network cut: sales in ${(cutMs / 1000).toFixed(0)} s`,
        unit: 'sales',
        allot: allotCut.ok,
        baseline: baseCut.ok,
        baselineName: `central (${baseCut.failed} failed attempts)`,
        goal: 'Allot > 0, central 0',
        met: allotCut.ok > 0 && baseCut.ok === 0,
      },
    ]
  } finally {
    const dbg = (what: string) => debug(`  ${what} at ${performance.now().toFixed(0)}\n`)
    dbg('cleanup')
    for (const n of nodes) await closeNode(n)
    dbg('nodes closed')
    for (const c of children) await c.kill('SIGKILL')
    dbg('children killed')
    if (relay) await stopRelay(relay)
    dbg('relay stopped')
    dir.remove()
  }
}
