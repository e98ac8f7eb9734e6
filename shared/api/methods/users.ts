import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, id, password, pin, role, text, username } from './fields.ts'

// Staff accounts.

export const usersInputs = {
  'users.list': empty,
  'users.create': z.strictObject({
    username,
    displayName: text(100),
    role,
    password: password.optional(),
    pin: pin.optional(),
    storeIds: z.array(id).max(100).optional(),
  }),
  'users.update': z.strictObject({
    id,
    displayName: text(100).optional(),
    role: role.optional(),
    password: password.optional(),
    pin: pin.optional(),
    storeIds: z.array(id).max(100).optional(),
  }),
  'users.disable': z.strictObject({ id, disabled: z.boolean().default(true) }),
} as const

export interface UsersOutputs {
  'users.list': { items: V.UserView[] }
  'users.create': V.UserView
  'users.update': V.UserView
  'users.disable': V.UserView
}

export const usersAccess = {
  'users.list': 'manager',
  'users.create': 'manager',
  'users.update': 'manager',
  'users.disable': 'manager',
} as const satisfies Record<keyof typeof usersInputs, Access>
