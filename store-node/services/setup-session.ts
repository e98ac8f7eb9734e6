import {
  initMeta,
  readStore,
  writeReplica,
  writeStore,
  writeUser,
  type User,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../context.ts'
import { LoginThrottle } from '../login-throttle.ts'
import { hashSecret, verifySecret } from '../passwords.ts'
import { mayWorkAtStore } from '../store-access.ts'
import { storeNameOf, userName } from '../views.ts'
import { loginCandidates, userView } from './users.ts'

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
  const locked = ctx.salesLocked()
  if (locked) status.salesLocked = locked
  const readOnly = ctx.readOnly()
  if (readOnly) status.readOnly = readOnly
  return status
}

export function sessionView(ctx: NodeContext, userId: string | null): V.SessionView {
  const identity = ctx.identity()
  const user = userId ? ctx.directory.user(userId) : undefined
  return {
    user: user && userId ? userView(ctx, userId, user) : null,
    replicaId: identity.replicaId,
    storeId: identity.storeId ?? '',
    storeName: identity.storeId ? (readStore(ctx.doc, identity.storeId)?.name ?? '') : '',
    currency: ctx.directory.meta().currency ?? '',
  }
}

export function setupSessionHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'setup.status'
  | 'setup.createOrganization'
  | 'setup.joinOrganization'
  | 'session.login'
  | 'session.logout'
  | 'session.current'
> {
  const throttle = new LoginThrottle({ nowMs: () => ctx.nowMs() })
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
          writeReplica(ctx.doc, identity.replicaId, { storeId, storeName: input.storeName, status: 'active' })
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

    'session.login': async (input, call) => {
      if (!ctx.identity().orgId) throw new ApiError('CONFLICT', 'Set up the store first')
      const username = input.username.toLowerCase()
      // Counted before the (slow) hash: concurrent guesses beyond the limit are never evaluated.
      const attempt = throttle.reserve(username)
      let found: { id: string; user: User } | undefined
      let secretOk = false
      // Several verified accounts can share a username after an offline clash: try at most three.
      for (const candidate of loginCandidates(ctx, username).slice(0, 3)) {
        if (candidate.user.disabled) continue
        found ??= candidate
        const stored = input.method === 'pin' ? candidate.user.pinHash : candidate.user.passwordHash
        const refused = (why: string) =>
          ctx.logger.warn(
            { user: username, method: input.method, why },
            'stored secret hash refused: its scrypt parameters are outside the accepted bounds',
          )
        const ok = await verifySecret(
          input.method === 'pin' ? input.pin : input.password,
          stored,
          refused,
        ).catch((error: unknown) => {
          attempt.failed()
          throw error
        })
        if (ok) {
          found = candidate
          secretOk = true
          break
        }
      }
      if (!found || !secretOk) {
        attempt.failed()
        throw new ApiError(
          'UNAUTHENTICATED',
          input.method === 'pin' ? 'Wrong username or PIN' : 'Wrong username or password',
        )
      }
      const storeId = ctx.identity().storeId
      if (!mayWorkAtStore(found.user, storeId)) {
        attempt.release()
        const storeName = storeId ? (readStore(ctx.doc, storeId)?.name ?? 'this store') : 'this store'
        ctx.logger.warn(
          { user: found.user.username, storeId },
          'login refused: the account is for other stores',
        )
        throw new ApiError(
          'FORBIDDEN',
          `Your account is not set up for ${storeName}. Ask a manager or owner to add this store to your account.`,
          { storeId },
        )
      }
      attempt.succeeded()
      call.session.userId = found.id
      ctx.logger.info({ user: found.user.username, method: input.method }, 'login')
      return sessionView(ctx, found.id)
    },

    'session.logout': (_input, call) => {
      if (call.session.userId) ctx.logger.info({ user: userName(ctx, call.session.userId) }, 'logout')
      call.session.userId = null
      return { ok: true }
    },

    'session.current': (_input, call) => sessionView(ctx, call.user ? call.user.id : null),
  }
}
