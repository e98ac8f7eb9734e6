import { listReplicas } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf } from '../api/views.ts'

export function devicesHandlers(ctx: NodeContext): Pick<Handlers, 'devices.retire'> {
  const me = () => ctx.identity().replicaId
  return {
    'devices.retire': (input, call) => {
      if (input.successorReplicaId === me())
        throw new ApiError('VALIDATION', 'A till cannot be its own successor', {
          issues: [{ path: 'successorReplicaId', message: 'this till' }],
        })
      const successor = listReplicas(ctx.doc).get(input.successorReplicaId)
      if (!successor) throw new ApiError('NOT_FOUND', `No till ${input.successorReplicaId}`)
      if (successor.status !== 'active')
        throw new ApiError(
          'CONFLICT',
          `Till ${storeNameOf(ctx, input.successorReplicaId)} is ${successor.status}`,
        )
      ctx.gate.assertMayWrite()
      const result = ctx.store.durable(() =>
        ctx.ops().retire({ by: call.user.id, successor: input.successorReplicaId }),
      )
      ctx.logger.warn(
        { successor: input.successorReplicaId, transfers: result.transfers.length },
        'till retired',
      )
      return {
        replicaId: me(),
        successor: input.successorReplicaId,
        successorStoreName: storeNameOf(ctx, input.successorReplicaId),
        transfers: result.transfers.length,
        units: result.transfers.reduce((n, t) => n + t.qty, 0),
        cancelledRequests: result.cancels.length,
        at: result.retire.at,
      }
    },
  }
}
