// Finds the struct of an incoming update that holds a given id. Skip structs are left out on
// purpose: a Skip only says "these clocks exist somewhere"; Yjs parks whatever refers to them
// until the real structs arrive, so an id covered only by a Skip is missing, never present.
import * as Y from 'yjs'

export type UpdateStruct = Y.Item | Y.GC

export class UpdateStructIndex {
  private readonly byClient = new Map<number, UpdateStruct[]>()

  constructor(structs: Iterable<UpdateStruct>) {
    for (const s of structs) {
      let list = this.byClient.get(s.id.client)
      if (!list) this.byClient.set(s.id.client, (list = []))
      list.push(s)
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  }

  find(client: number, clock: number): UpdateStruct | undefined {
    const list = this.byClient.get(client)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (clock < s.id.clock) hi = mid - 1
      else if (clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }

  /** The first clock in [clock, to) that no struct of `client` in this update covers, or `to`. */
  coveredUntil(client: number, clock: number, to: number): number {
    let at = clock
    while (at < to) {
      const s = this.find(client, at)
      if (!s) return at
      at = s.id.clock + s.length
    }
    return to
  }
}
