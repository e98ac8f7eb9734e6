import type * as Y from 'yjs'
import { listReplicas } from './schema.ts'

/**
 * The number a new till of `storeId` takes: one more than the highest its store's tills have.
 * A till takes it when it joins, right after catching up with the relay, so it sees every till of
 * its store that joined before it (enrollment needs the relay); receipt numbers carry it.
 */
export function nextTillNo(doc: Y.Doc, storeId: string): number {
  let highest = 0
  for (const info of listReplicas(doc).values())
    if (info.storeId === storeId && info.tillNo !== undefined) highest = Math.max(highest, info.tillNo)
  return highest + 1
}
