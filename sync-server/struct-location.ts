// Where does a Yjs struct live in the document? Write validation and the archive both need the
// root type name (e.g. `log:r1`, `replicas`) and the top-level map key of an item, for items
// already in the relay's doc and for items that only exist in an incoming update (whose parent
// is often implicit: Yjs omits it when the item has an origin and inherits it from there).
import * as Y from 'yjs'

export interface StructLocation {
  kind: 'located'
  root: string
  /** Key under the root map (the top-level ancestor's parentSub), or null for array content. */
  key: string | null
}

/** `gc`: the parent was garbage-collected, so Yjs will integrate the item as deleted. */
export type LocateResult = StructLocation | { kind: 'gc' } | { kind: 'missing'; client: number }

type AnyStruct = Y.Item | Y.GC | Y.Skip

const MAX_DEPTH = 10_000

/** Indexes the structs of one decoded update so ids can be resolved against it. */
export class UpdateStructIndex {
  private readonly byClient = new Map<number, AnyStruct[]>()

  constructor(structs: readonly AnyStruct[]) {
    for (const s of structs) {
      let list = this.byClient.get(s.id.client)
      if (!list) this.byClient.set(s.id.client, (list = []))
      list.push(s)
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  }

  find(id: Y.ID): AnyStruct | undefined {
    const list = this.byClient.get(id.client)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }
}

/** The struct of the doc containing `id`, or undefined when the doc has not seen it. */
export function findDocStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/** Location of an item that is integrated in `doc`. */
export function locateDocItem(doc: Y.Doc, item: Y.Item): LocateResult {
  let current: Y.Item = item
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = current.parent
    if (!(parent instanceof Y.AbstractType)) return { kind: 'gc' }
    if (parent._item === null) {
      return { kind: 'located', root: Y.findRootTypeKey(parent), key: current.parentSub }
    }
    current = parent._item
  }
  return { kind: 'gc' }
}

/** Location of an item from an incoming update, resolving ids in the update first, then the doc. */
export function locateUpdateItem(doc: Y.Doc, index: UpdateStructIndex, item: Y.Item): LocateResult {
  let current: Y.Item = item
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = current.parent as unknown
    let next: Y.ID | null
    if (typeof parent === 'string') return { kind: 'located', root: parent, key: current.parentSub }
    if (parent instanceof Y.ID) {
      // inside a nested type: the location is that of the item holding the type
      next = parent
    } else {
      // parent omitted: Yjs takes it (and parentSub) from the origin or right origin
      next = current.origin ?? current.rightOrigin
    }
    if (next === null) return { kind: 'gc' }
    const inDoc = findDocStruct(doc, next)
    if (inDoc instanceof Y.Item) return locateDocItem(doc, inDoc)
    if (inDoc) return { kind: 'gc' }
    const inUpdate = index.find(next)
    if (inUpdate instanceof Y.Item) {
      current = inUpdate
      continue
    }
    if (inUpdate) return { kind: 'gc' }
    return { kind: 'missing', client: next.client }
  }
  return { kind: 'gc' }
}
