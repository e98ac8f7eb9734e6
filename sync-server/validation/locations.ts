// Where a Yjs item lands once integrated: the root type, the key under it, and the field when it
// lives inside a nested map (a product or a user). Resolved the way Yjs itself decides it
// (`Item.getMissing`): the parent comes from the left origin, else the right origin, else the
// explicit parent; a GC neighbour or a GC'd / non-type parent turns the item into garbage.
// Every struct is resolved once per update (memoised along the whole origin chain), so an update
// of n structs costs O(n log n), whatever the length of its origin chains.
import * as Y from 'yjs'
import type { UpdateStruct, UpdateStructIndex } from './struct-index.ts'

/** The nesting our schema uses: root → entry (a map) → field. Deeper content is refused. */
export const MAX_NESTING = 1

export type Location =
  /** Integrated as garbage: it changes nothing anyone can read. */
  | { kind: 'gc' }
  /** Depends on clocks of `client` nobody has sent yet: Yjs would park it. */
  | { kind: 'missing'; client: number }
  /** An origin cycle inside the update: Yjs would park it forever. */
  | { kind: 'cycle' }
  /** Nested deeper than MAX_NESTING (or a doc chain too long to be ours). */
  | { kind: 'too-deep' }
  | Placed

export interface Placed {
  kind: 'placed'
  root: string
  /** Key under the root map (null in an array root). */
  key: string | null
  /** 0: directly under the root; 1: inside the nested type held by `root[key]`. */
  depth: number
  /** Key inside the nested map (depth 1), or null. */
  field: string | null
}

type Target =
  | { where: 'doc'; struct: Y.Item | Y.GC }
  | { where: 'update'; struct: UpdateStruct }
  | { where: 'missing'; client: number }

const DOC_CHAIN_LIMIT = 64

export class Locator {
  private readonly doc: Y.Doc
  private readonly index: UpdateStructIndex
  private readonly docMemo = new Map<Y.Item, Location>()
  private readonly updateMemo = new Map<UpdateStruct, Location>()
  private readonly rootNames = new Map<Y.AbstractType<unknown>, string>()

  constructor(doc: Y.Doc, index: UpdateStructIndex) {
    this.doc = doc
    this.index = index
  }

  /** The left origin Yjs will use: a struct the relay already holds in part is cut at its state. */
  originOf(item: Y.Item): Y.ID | null {
    const state = Y.getState(this.doc.store, item.id.client)
    if (item.id.clock < state) return Y.createID(item.id.client, state - 1)
    return item.origin
  }

  target(id: Y.ID): Target {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      return { where: 'doc', struct: Y.getItem(this.doc.store, id) as Y.Item | Y.GC }
    }
    const inUpdate = this.index.find(id.client, id.clock)
    return inUpdate ? { where: 'update', struct: inUpdate } : { where: 'missing', client: id.client }
  }

  /** Location of an item integrated in the doc. */
  ofDocItem(item: Y.Item): Location {
    const known = this.docMemo.get(item)
    if (known) return known
    const subs: Array<string | null> = []
    let current: Y.Item = item
    let location: Location = { kind: 'too-deep' }
    for (let i = 0; i < DOC_CHAIN_LIMIT; i++) {
      const parent = current.parent
      if (!(parent instanceof Y.AbstractType)) {
        location = { kind: 'gc' }
        break
      }
      subs.push(current.parentSub)
      const holder = parent._item
      if (holder === null) {
        const depth = subs.length - 1
        location =
          depth > MAX_NESTING
            ? { kind: 'too-deep' }
            : {
                kind: 'placed',
                root: this.rootName(parent),
                key: subs[subs.length - 1] ?? null,
                depth,
                field: depth === 0 ? null : (subs[0] ?? null),
              }
        break
      }
      current = holder
    }
    this.docMemo.set(item, location)
    return location
  }

  /** Location of an item of the incoming update. */
  ofUpdateItem(item: Y.Item, nesting = 0): Location {
    const chain: UpdateStruct[] = []
    const onChain = new Set<UpdateStruct>()
    let current: Y.Item = item
    let location: Location
    for (;;) {
      const known = this.updateMemo.get(current)
      if (known) {
        location = known
        break
      }
      if (onChain.has(current)) {
        location = { kind: 'cycle' }
        break
      }
      chain.push(current)
      onChain.add(current)
      const origin = this.originOf(current)
      const left = origin ? this.target(origin) : null
      const right = current.rightOrigin ? this.target(current.rightOrigin) : null
      if (
        (left && left.where !== 'missing' && left.struct instanceof Y.GC) ||
        (right && right.where !== 'missing' && right.struct instanceof Y.GC)
      ) {
        location = { kind: 'gc' }
        break
      }
      if (left?.where === 'missing' || right?.where === 'missing') {
        const missing = (left?.where === 'missing' ? left : right) as { where: 'missing'; client: number }
        location = { kind: 'missing', client: missing.client }
        break
      }
      const next = (left ?? right)?.struct as Y.Item | undefined
      if (next) {
        if ((left ?? right)!.where === 'doc') {
          location = this.ofDocItem(next)
          break
        }
        current = next
        continue
      }
      location = this.ofExplicitParent(current, nesting)
      break
    }
    // A holder resolved while already nested may be cut short (too-deep) where its own location is
    // fine; only results that do not depend on the nesting budget are remembered.
    if (!(location.kind === 'too-deep' && nesting > 0))
      for (const s of chain) this.updateMemo.set(s, location)
    return location
  }

  private ofExplicitParent(item: Y.Item, nesting: number): Location {
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      return { kind: 'placed', root: parent, key: item.parentSub, depth: 0, field: null }
    }
    if (!(parent instanceof Y.ID)) return { kind: 'gc' }
    if (nesting >= MAX_NESTING) return { kind: 'too-deep' }
    const holder = this.target(parent)
    if (holder.where === 'missing') return { kind: 'missing', client: holder.client }
    if (!(holder.struct instanceof Y.Item) || !(holder.struct.content instanceof Y.ContentType))
      return { kind: 'gc' }
    const holderLocation =
      holder.where === 'doc' ? this.ofDocItem(holder.struct) : this.ofUpdateItem(holder.struct, nesting + 1)
    if (holderLocation.kind !== 'placed') return holderLocation
    if (holderLocation.depth + 1 > MAX_NESTING) return { kind: 'too-deep' }
    return {
      kind: 'placed',
      root: holderLocation.root,
      key: holderLocation.key,
      depth: holderLocation.depth + 1,
      field: item.parentSub,
    }
  }

  private rootName(type: Y.AbstractType<unknown>): string {
    let name = this.rootNames.get(type)
    if (name === undefined) {
      name = Y.findRootTypeKey(type)
      this.rootNames.set(type, name)
    }
    return name
  }
}
