import type { StoreNode } from '../../../store-node/store-node.ts'

/**
 * Closes a linked StoreNode without tripping a product bug: `StoreNode.close()` → `RelayLink.stop()`
 * clears its state-vector timer and then stops the sync client, whose status change (delivered on
 * setImmediate) schedules a new state-vector save 1 s later, which then writes to the closed
 * database (uncaught "The database connection is not open"). Stopping the link first and letting
 * that status change run leaves the timer for `close()`'s own `stop()` to clear.
 */
export async function closeNode(node: StoreNode): Promise<void> {
  await node.context.sync().stop?.()
  await new Promise<void>((ok) => setImmediate(ok))
  await new Promise<void>((ok) => setImmediate(ok))
  await node.close()
}
