import { writeUser, type User } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { Role } from '../../shared/api/roles.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers, UserCallContext } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { hashSecret } from '../trust/passwords.ts'
import { mayWorkAtStore } from '../trust/store-access.ts'
import { assertMayChange, writeShared, type SharedChange } from '../trust/authority-gate.ts'
import { userName } from '../api/views.ts'

/** The view of a user: never the hashes. */
export function userView(ctx: NodeContext, id: string, u: User): V.UserView {
  return {
    id,
    username: u.username,
    displayName: userName(ctx, id),
    role: u.role,
    storeIds: u.storeIds,
    disabled: u.disabled,
    hasPin: u.pinHash !== '',
  }
}

export function findUserByName(ctx: NodeContext, username: string): { id: string; user: User } | undefined {
  return loginCandidates(ctx, username)[0]
}

/**
 * Verified accounts with this username, those that may work at this store first (two offline
 * stores can create the same username; a clash must not lock the owner out of other stores).
 */
export function loginCandidates(ctx: NodeContext, username: string): Array<{ id: string; user: User }> {
  const storeId = ctx.identity().storeId
  const rank = (u: User) => (!u.disabled && mayWorkAtStore(u, storeId) ? 0 : 1)
  return ctx.directory
    .byUsername(username)
    .sort((a, b) => rank(a.user) - rank(b.user) || (a.id < b.id ? -1 : 1))
}

/** A manager manages cashiers and managers; only an owner creates or changes owners. */
function assertMayManage(call: UserCallContext, targetRole: Role): void {
  if (targetRole === 'owner' && call.user.role !== 'owner') {
    throw new ApiError('FORBIDDEN', 'Only an owner can manage owner accounts')
  }
}

export function userHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'users.list' | 'users.create' | 'users.update' | 'users.disable'> {
  const requireUser = (id: string): User => {
    const u = ctx.directory.user(id)
    if (!u) throw new ApiError('NOT_FOUND', `No user ${id}`)
    return u
  }
  /** Checked against the chain's authority rules first: a store edits its own staff below owner. */
  const write = (id: string, fields: Partial<User>, displayName?: string) => {
    const all = displayName === undefined ? fields : { ...fields, displayName }
    const changes: SharedChange[] = Object.entries(all).map(([field, value]) => ({
      root: 'users',
      key: id,
      field,
      value,
    }))
    assertMayChange(ctx, changes)
    ctx.store.durable(() => writeShared(ctx, () => writeUser(ctx.doc, id, all)))
  }

  return {
    'users.list': () => ({
      items: Object.entries(ctx.directory.users())
        .map(([id, u]) => userView(ctx, id, u))
        .sort((a, b) => (a.username < b.username ? -1 : 1)),
    }),

    'users.create': async (input, call) => {
      assertMayManage(call, input.role)
      const username = input.username.toLowerCase()
      if (!input.password && !input.pin)
        throw new ApiError('VALIDATION', 'Give the user a password, a PIN or both')
      if (findUserByName(ctx, username)) throw new ApiError('CONFLICT', `The username ${username} is taken`)
      const passwordHash = input.password ? await hashSecret(input.password) : ''
      const pinHash = input.pin ? await hashSecret(input.pin) : ''
      if (findUserByName(ctx, username)) throw new ApiError('CONFLICT', `The username ${username} is taken`)
      const id = ctx.newId()
      const storeIds = input.storeIds ?? (ctx.identity().storeId ? [ctx.identity().storeId!] : [])
      write(
        id,
        { username, role: input.role, passwordHash, pinHash, storeIds, disabled: false },
        input.displayName,
      )
      return userView(ctx, id, requireUser(id))
    },

    'users.update': async (input, call) => {
      const current = requireUser(input.id)
      assertMayManage(call, current.role)
      if (input.role) assertMayManage(call, input.role)
      const fields: Partial<User> = {}
      if (input.role) fields.role = input.role
      if (input.storeIds) fields.storeIds = input.storeIds
      if (input.password) fields.passwordHash = await hashSecret(input.password)
      if (input.pin) fields.pinHash = await hashSecret(input.pin)
      write(input.id, fields, input.displayName)
      return userView(ctx, input.id, requireUser(input.id))
    },

    'users.disable': (input, call) => {
      const current = requireUser(input.id)
      assertMayManage(call, current.role)
      if (input.id === call.user.id && input.disabled)
        throw new ApiError('CONFLICT', 'You cannot disable your own account')
      write(input.id, { disabled: input.disabled })
      return userView(ctx, input.id, requireUser(input.id))
    },
  }
}
