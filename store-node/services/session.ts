import { readStore, type User } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { LoginThrottle } from '../trust/login-throttle.ts'
import { verifySecret } from '../trust/passwords.ts'
import { mayWorkAtStore } from '../trust/store-access.ts'
import { userName } from '../api/views.ts'
import { loginCandidates, userView } from './users.ts'

export function sessionView(ctx: NodeContext, userId: string | null): V.SessionView {
  const identity = ctx.identity()
  const user = userId ? ctx.directory.user(userId) : undefined
  return {
    user: user && userId ? userView(ctx, userId, user) : null,
    replicaId: identity.replicaId,
    storeId: identity.storeId ?? '',
    storeName: identity.storeId ? (readStore(ctx.doc, identity.storeId)?.name ?? '') : '',
    currency: ctx.directory.meta().currency ?? '',
    pricesIncludeTax: ctx.directory.meta().pricesIncludeTax === true,
  }
}

export function sessionHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'session.login' | 'session.logout' | 'session.current' | 'session.staff'> {
  const throttle = new LoginThrottle({ nowMs: () => ctx.nowMs() })
  return {
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

    // Names only (what the lock screen shows anyone at the counter): no ids, no hashes.
    'session.staff': () => {
      if (!ctx.identity().orgId) return { staff: [] }
      const storeId = ctx.identity().storeId
      const staff = Object.values(ctx.directory.users())
        .filter((u) => !u.disabled && u.pinHash !== '' && mayWorkAtStore(u, storeId))
        .map((u) => ({ username: u.username, displayName: u.displayName ?? u.username, role: u.role }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username))
      return { staff }
    },
  }
}
