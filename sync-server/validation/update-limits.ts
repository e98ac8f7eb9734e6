// What one update may carry before the relay refuses it unread. Chosen so that validating and
// applying the largest accepted update stalls the relay's event loop well under 100 ms on a
// 2-core VM (bench row "relay: largest accepted update"), while a store that was offline for
// weeks, or the first store of a chain bringing its whole document, still fits.
import {
  MAX_NEW_CLIENTS_PER_UPDATE,
  MAX_STRUCTS_PER_UPDATE,
  MAX_UPDATE_BYTES,
  MAX_VALUES_PER_UPDATE,
} from '../../shared/core/split-update.ts'
import type { JsonLimits } from './json-values.ts'

export interface UpdateLimits {
  /** Bytes of one update, checked before it is decoded. */
  maxBytes: number
  /** Item, GC and Skip structs in one update. */
  maxStructs: number
  /** JSON values (ContentAny elements) in one update: decoding them is most of its cost. */
  maxValues: number
  /** Yjs client ids first seen in one update (a store has one per start). */
  maxNewClients: number
  /** The same when the organization's document is still empty (a founding store or a relink). */
  maxNewClientsFounding: number
  /** Client ids one device may own in all (issue #22 keeps a till's id across clean restarts). */
  maxClientsPerDevice: number
  /**
   * Values in one run of items Yjs merges into one (`ContentAny.mergeWith` copies both arrays, so
   * merging a run costs its length squared): within one update, and with the item it extends.
   * Our stores break a log's run every 64 events (shared/core/log-append.ts).
   */
  maxMergeRun: number
  maxMergeRunWithDoc: number
  /** Delete-set ranges in one update. */
  maxDeleteRanges: number
  json: JsonLimits
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxBytes: MAX_UPDATE_BYTES,
  maxStructs: MAX_STRUCTS_PER_UPDATE,
  maxValues: MAX_VALUES_PER_UPDATE,
  maxNewClients: MAX_NEW_CLIENTS_PER_UPDATE,
  maxNewClientsFounding: 20_000,
  maxClientsPerDevice: 10_000,
  maxMergeRun: 128,
  maxMergeRunWithDoc: 100_000,
  maxDeleteRanges: 200_000,
  json: { maxDepth: 32, maxNodes: 10_000 },
}
