import * as Y from 'yjs'

/**
 * Gives every decoded `ContentAny` an array of exactly its length. Yjs decodes them by pushing
 * onto `[]`, which reserves room for 17 values; a catalog is tens of thousands of one-value
 * fields (price, name, SKU… each an Item), so after loading, that spare room was about 1.8 KB per
 * product, more than the product itself. Contents and identities are unchanged: the same values
 * in a right-sized array. Uses Yjs's struct store (stable since Yjs 13); anything unexpected is left as is.
 */
export function trimDecodedContent(doc: Y.Doc): number {
  let trimmed = 0
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
      const arr = struct.content.arr
      if (Array.isArray(arr) && arr.length <= 16) {
        struct.content.arr = arr.slice()
        trimmed++
      }
    }
  }
  return trimmed
}
