import { listReplicas, getStores, readStore } from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf } from '../api/views.ts'

/** The organization's stores with their tills, this till's first. */
export function storeList(ctx: NodeContext): V.StoreListView {
  const me = ctx.identity().replicaId
  const replicas = listReplicas(ctx.doc)
  const stores = new Map<string, V.StoreListView['stores'][number]>()
  getStores(ctx.doc).forEach((_v, storeId) => {
    const info = readStore(ctx.doc, storeId)
    if (info)
      stores.set(storeId, {
        storeId,
        name: info.name,
        code: info.code,
        ...(info.address ? { address: info.address } : {}),
        tills: [],
      })
  })
  for (const [replicaId, info] of replicas) {
    let store = stores.get(info.storeId)
    if (!store) {
      store = { storeId: info.storeId, name: info.storeName, code: '', tills: [] }
      stores.set(info.storeId, store)
    }
    const log = ctx.fold.logInfo(replicaId)
    const till: V.TillView = {
      replicaId,
      storeId: info.storeId,
      storeName: storeNameOf(ctx, replicaId),
      status: info.status,
      lastSeq: log.lastSeq,
      missingEvents: log.gaps.reduce((n, g) => n + g.to - g.from + 1, 0),
      thisTill: replicaId === me,
    }
    if (info.successor) till.successor = info.successor
    store.tills.push(till)
  }
  const list = [...stores.values()].sort((a, b) => a.name.localeCompare(b.name))
  for (const s of list)
    s.tills.sort((a, b) => Number(b.thisTill) - Number(a.thisTill) || a.replicaId.localeCompare(b.replicaId))
  return { thisReplicaId: me, thisStoreId: ctx.identity().storeId ?? '', stores: list }
}

export function storesHandlers(ctx: NodeContext): Pick<Handlers, 'stores.list'> {
  return {
    'stores.list': () => storeList(ctx),
  }
}
