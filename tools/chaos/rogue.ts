// A rogue till in the chaos run: an enrolled device that, while the real stores sell through
// faults, keeps sending crafted updates no app of ours would send — forged events in other tills'
// logs, Skip structs and deletes on their next clocks, values outside JSON, owner accounts and
// meta changes, unknown roots, floods of client ids, gaps in its own clocks. Every one must be
// refused (or, for a gap, dropped with a resync); the run's usual checks then prove that nothing
// reached another store: convergence, the escrow figures, the archive, no integrity alert.
import * as Y from 'yjs'
import { craftUpdate, type CraftedStruct, type CraftedUpdate } from './crafted-update.ts'
import { TestPeer, sleep, withTimeout } from '../cluster/relay-harness.ts'
import type { Rng } from './rng.ts'

const ATTACKS = [
  'skip-origin',
  'skip-delete',
  'foreign-gc',
  'forged-event',
  'delete-event',
  'bigint',
  'schema-version',
  'owner-account',
  'unknown-root',
  'client-flood',
  'own-gap',
] as const
export type Attack = (typeof ATTACKS)[number]

export interface RogueStats {
  sent: Record<string, number>
  /** Close code → count. 4422/4413/4400/4520 are the expected ones. */
  closes: Record<string, number>
  /** Attacks after which the connection stayed open (the relay took the update): must be 0. */
  accepted: string[]
  /** Own structs behind a gap in a client never seen: kept nowhere, the connection stays. */
  inert: number
}

export class RogueDevice {
  readonly stats: RogueStats = { sent: {}, closes: {}, accepted: [], inert: 0 }
  private running = false
  private loop: Promise<void> | undefined
  private nextClient = 3_000_000_000

  private readonly syncUrl: () => string | undefined
  private readonly token: string
  private readonly replicaId: string
  private readonly rng: Rng

  constructor(syncUrl: () => string | undefined, token: string, replicaId: string, rng: Rng) {
    this.syncUrl = syncUrl
    this.token = token
    this.replicaId = replicaId
    this.rng = rng
  }

  start(): void {
    this.running = true
    this.loop = this.run()
  }

  /** Stops once it has sent at least `minAttacks` (or after `deadlineMs`), so even a short run is attacked. */
  async stop(minAttacks = 0, deadlineMs = 30_000): Promise<void> {
    const deadline = Date.now() + deadlineMs
    while (this.attacksSent() < minAttacks && Date.now() < deadline) await sleep(100)
    this.running = false
    await this.loop
  }

  attacksSent(): number {
    return Object.values(this.stats.sent).reduce((a, b) => a + b, 0)
  }

  private async run(): Promise<void> {
    while (this.running) {
      const url = this.syncUrl()
      if (url) await this.attackOnce(url).catch(() => undefined)
      await sleep(this.rng.int(50, 250))
    }
  }

  private async attackOnce(url: string): Promise<void> {
    const peer = new TestPeer(url, { token: this.token, sendLocal: false })
    try {
      await peer.waitSynced(5_000)
      const attack = this.rng.pick(ATTACKS)
      const update = this.craft(attack, peer.doc)
      if (!update) return
      this.stats.sent[attack] = (this.stats.sent[attack] ?? 0) + 1
      peer.sendUpdate(craftUpdate(update))
      const closed = await withTimeout(peer.closed, 3_000, 'refusal').catch(() => undefined)
      if (closed) this.stats.closes[closed.code] = (this.stats.closes[closed.code] ?? 0) + 1
      else if (peer.ws.readyState !== peer.ws.OPEN) return
      else if (attack === 'own-gap') this.stats.inert++
      else this.stats.accepted.push(attack)
    } finally {
      peer.close()
    }
  }

  /** A victim: another replica whose log the rogue has seen, with its client id and next clock. */
  private victim(
    doc: Y.Doc,
  ): { replicaId: string; client: number; next: number; lastId: [number, number] } | undefined {
    const logs = [...doc.share.entries()].filter(
      ([name]) => name.startsWith('log:') && name !== `log:${this.replicaId}`,
    )
    if (logs.length === 0) return undefined
    const [name, type] = this.rng.pick(logs)
    let last: Y.Item | null = type._start
    while (last?.right) last = last.right
    if (!last) return undefined
    const client = last.id.client
    return {
      replicaId: name.slice(4),
      client,
      next: Y.getState(doc.store, client),
      lastId: [client, last.id.clock + last.length - 1],
    }
  }

  private craft(attack: Attack, doc: Y.Doc): CraftedUpdate | undefined {
    const me = this.nextClient++
    const own = (structs: CraftedStruct[], clock = 0) => ({ client: me, clock, structs })
    const event = (extra: Record<string, unknown> = {}) => ({
      seq: this.rng.int(1, 1_000_000),
      id: `rogue-${me}`,
      type: 'transfer',
      at: new Date().toISOString(),
      by: 'rogue',
      productId: 'x',
      to: this.replicaId,
      qty: 20,
      ...extra,
    })
    const victim = this.victim(doc)
    switch (attack) {
      case 'skip-origin':
        if (!victim) return undefined
        return {
          clients: [
            own([{ origin: [victim.client, victim.next], content: { any: [event()] } }]),
            { client: victim.client, clock: victim.next, structs: [{ skip: 1 }] },
          ],
        }
      case 'skip-delete':
        if (!victim) return undefined
        return {
          clients: [
            own([{ parent: `log:${this.replicaId}`, content: { any: [null] } }]),
            { client: victim.client, clock: victim.next, structs: [{ skip: 3 }] },
          ],
          deletes: [{ client: victim.client, ranges: [[victim.next, 3]] }],
        }
      case 'foreign-gc':
        if (!victim) return undefined
        return { clients: [{ client: victim.client, clock: victim.next, structs: [{ gc: 5 }] }] }
      case 'forged-event':
        if (!victim) return undefined
        return { clients: [own([{ origin: victim.lastId, content: { any: [event()] } }])] }
      case 'delete-event':
        if (!victim) return undefined
        return {
          clients: [own([{ parent: `log:${this.replicaId}`, content: { any: [null] } }])],
          deletes: [{ client: victim.lastId[0], ranges: [[victim.lastId[1], 1]] }],
        }
      case 'bigint':
        return {
          clients: [own([{ parent: `log:${this.replicaId}`, content: { any: [event({ qty: 10n })] } }])],
        }
      case 'schema-version':
        return { clients: [own([{ parent: 'meta', parentSub: 'schemaVersion', content: { any: [99] } }])] }
      case 'owner-account':
        return {
          clients: [
            own([
              { parent: 'users', parentSub: `rogue-${me}`, content: { type: 'map' } },
              { parent: [me, 0], parentSub: 'role', content: { any: ['owner'] } },
              { parent: [me, 0], parentSub: 'username', content: { any: ['owner'] } },
            ]),
          ],
        }
      case 'unknown-root':
        return { clients: [own([{ parent: 'backdoor', parentSub: 'x', content: { any: [1] } }])] }
      case 'client-flood':
        return {
          clients: Array.from({ length: 5_000 }, (_, i) => ({
            client: me + 1 + i,
            clock: 0,
            structs: [{ gc: 1 }],
          })),
        }
      case 'own-gap':
        return { clients: [own([{ parent: `log:${this.replicaId}`, content: { any: [event()] } }], 50)] }
    }
  }
}
