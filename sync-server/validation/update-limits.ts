// What one update may carry before the relay refuses it unread. Chosen so that validating and
// applying the largest accepted update stalls the relay's event loop well under 100 ms on a
// 2-core VM (bench row "relay: largest accepted update"), while a store that was offline for
// weeks, or the first store of a chain bringing its whole document, still fits.
import type { JsonLimits } from './json-values.ts'

export interface UpdateLimits {
  /** Item, GC and Skip structs in one update. */
  maxStructs: number
  /** Yjs client ids first seen in one update (a store has one per start). */
  maxNewClients: number
  /** The same when the organization's document is still empty (a founding store or a relink). */
  maxNewClientsFounding: number
  /** Client ids one device may own in all (issue #22 keeps a till's id across clean restarts). */
  maxClientsPerDevice: number
  /** Delete-set ranges in one update. */
  maxDeleteRanges: number
  json: JsonLimits
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxStructs: 100_000,
  maxNewClients: 64,
  maxNewClientsFounding: 20_000,
  maxClientsPerDevice: 10_000,
  maxDeleteRanges: 200_000,
  json: { maxDepth: 32, maxNodes: 10_000 },
}
