import { getUsers, readUser, writeUser, type User } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { Role } from '../../shared/api/roles.ts'
import type * as V from '../../shared/api/views.ts'
import type { CallContext, Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../context.ts'
import { hashSecret } from '../passwords.ts'
import { userName } from '../views.ts'

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
  for (const id of getUsers(ctx.doc).keys()) {
    const user = readUser(ctx.doc, id)
    if (user?.username === username) return { id, user }
  }
  return undefined
}

/** A manager manages cashiers and managers; only an owner creates or changes owners. */
function assertMayManage(call: CallContext, targetRole: Role): void {
  if (targetRole === 'owner' && call.user?.role !== 'owner') {
    throw new ApiError('FORBIDDEN', 'Only an owner can manage owner accounts')
  }
}

export function userHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'users.list' | 'users.create' | 'users.update' | 'users.disable'> {
  const requireUser = (id: string): User => {
    const u = readUser(ctx.doc, id)
    if (!u) throw new ApiError('NOT_FOUND', `No user ${id}`)
    return u
  }
  const write = (id: string, fields: Partial<User>, displayName?: string) =>
    ctx.store.durable(() =>
      ctx.doc.transact(() => {
        writeUser(ctx.doc, id, fields)
        if (displayName !== undefined) getUsers(ctx.doc).get(id)?.set('displayName', displayName)
      }),
    )

  return {
    'users.list': () => ({
      items: [...getUsers(ctx.doc).keys()]
        .map((id) => {
          const u = readUser(ctx.doc, id)
          return u ? userView(ctx, id, u) : undefined
        })
        .filter((u): u is V.UserView => !!u)
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
      if (input.id === call.user?.id && input.disabled)
        throw new ApiError('CONFLICT', 'You cannot disable your own account')
      write(input.id, { disabled: input.disabled })
      return userView(ctx, input.id, requireUser(input.id))
    },
  }
}
