import * as Y from 'yjs'

/**
 * How far a document has grown in Yjs clients: every transaction, handshake and catch-up costs in
 * proportion to them. Kept clean-restart ids leave crashes, restores and new tills as the only
 * source of new ones (docs/open-work.md).
 */
export interface DocGrowth {
  /** Yjs client ids the document has ever had (the entries of its state vector). */
  yjsClients: number
  /** Bytes of the encoded state vector: what every handshake sends. */
  stateVectorBytes: number
}

export function docGrowth(doc: Y.Doc): DocGrowth {
  return { yjsClients: doc.store.clients.size, stateVectorBytes: Y.encodeStateVector(doc).byteLength }
}
