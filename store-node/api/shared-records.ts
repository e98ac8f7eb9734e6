import type * as Y from 'yjs'
import type { NodeContext } from './context.ts'

/**
 * Writing a kind of shared record (products, customers, suppliers: every store edits them, last
 * writer wins per field): save some fields durably and answer with the record as it now reads;
 * archive or bring back.
 */
export function sharedRecords<R extends { archived: boolean }, V>(
  ctx: NodeContext,
  require: (id: string) => R,
  write: (doc: Y.Doc, id: string, fields: Partial<R>) => void,
  view: (id: string, record: R) => V,
): { save: (id: string, fields: Partial<R>) => V; archive: (input: { id: string; archived: boolean }) => V } {
  const save = (id: string, fields: Partial<R>): V => {
    ctx.store.durable(() => write(ctx.doc, id, fields))
    return view(id, require(id))
  }
  return {
    save,
    archive: (input) => {
      require(input.id)
      return save(input.id, { archived: input.archived } as Partial<R>)
    },
  }
}
