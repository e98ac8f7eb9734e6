import { initMeta, readStore, writeReplica, writeStore, writeUser } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { hashSecret } from '../trust/passwords.ts'
import { storeNameOf } from '../api/views.ts'

export function setupStatus(ctx: NodeContext): V.SetupStatus {
  const identity = ctx.identity()
  const meta = ctx.directory.meta()
  const status: V.SetupStatus = {
    state: identity.orgId ? 'ready' : 'new',
    replicaId: identity.replicaId,
    linked: !!identity.relay,
  }
  if (identity.orgId) {
    status.docOrgId = identity.orgId
    status.orgId = identity.orgId
  }
  if (identity.relay) status.relayOrgId = identity.relay.orgId
  if (meta.orgName) status.orgName = meta.orgName
  if (meta.currency) status.currency = meta.currency
  if (identity.storeId) {
    status.storeId = identity.storeId
    status.storeName = readStore(ctx.doc, identity.storeId)?.name ?? storeNameOf(ctx, identity.replicaId)
  }
  const locked = ctx.gate.salesLocked()
  if (locked) status.salesLocked = locked
  const readOnly = ctx.gate.readOnly()
  if (readOnly) status.readOnly = readOnly
  return status
}

export function setupHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'setup.status' | 'setup.createOrganization' | 'setup.joinOrganization'> {
  return {
    'setup.status': () => setupStatus(ctx),
    'setup.createOrganization': async (input, call) => {
      if (ctx.identity().orgId) throw new ApiError('CONFLICT', 'This store is already set up')
      const passwordHash = await hashSecret(input.owner.password)
      const pinHash = input.owner.pin ? await hashSecret(input.owner.pin) : ''
      if (ctx.identity().orgId) throw new ApiError('CONFLICT', 'This store is already set up')
      const orgId = ctx.newId()
      const storeId = ctx.newId()
      const ownerId = ctx.newId()
      const identity = { ...ctx.identity(), orgId, storeId }
      ctx.store.durable(() => {
        ctx.doc.transact(() => {
          initMeta(ctx.doc, { orgId, orgName: input.orgName, currency: input.currency })
          writeStore(ctx.doc, storeId, { name: input.storeName, code: input.storeCode })
          writeReplica(ctx.doc, identity.replicaId, {
            storeId,
            storeName: input.storeName,
            status: 'active',
            tillNo: 1,
          })
          writeUser(ctx.doc, ownerId, {
            username: input.owner.username.toLowerCase(),
            role: 'owner',
            passwordHash,
            pinHash,
            storeIds: [storeId],
            disabled: false,
            displayName: input.owner.displayName ?? input.owner.username,
          })
        })
        ctx.setIdentity(identity)
      })
      // The owner who set the store up is logged in on this connection.
      call.session.userId = ownerId
      return setupStatus(ctx)
    },
    'setup.joinOrganization': async (input) => {
      if (ctx.identity().orgId) throw new ApiError('CONFLICT', 'This store is already set up')
      const sync = ctx.sync()
      await sync.link(input.relayUrl, input.enrollmentCode, { name: input.storeName, code: input.storeCode })
      return setupStatus(ctx)
    },
  }
}
