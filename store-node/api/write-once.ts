import type { MethodName } from '../../shared/api/contract.ts'
import type { NodeContext } from './context.ts'

/**
 * One idempotent write: `act` runs at most once per idempotency key, inside the same durable
 * SQLite transaction that records its result, so a retry after a crash or a lost answer gets the
 * first result back and never acts twice.
 */
export function writeOnce<T>(
  ctx: NodeContext,
  method: MethodName,
  input: { readonly idempotencyKey: string },
  act: () => T,
): T {
  return ctx.store.durable(() =>
    ctx.idempotency.once(input.idempotencyKey, { method, params: input }, ctx.nowIso(), act),
  )
}
