import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, id, password, pin, role, text, username } from './fields.ts'

// Staff accounts.

export const usersMethods = {
  'users.list': method('manager', empty, returns<{ items: V.UserView[] }>()),
  'users.create': method(
    'manager',
    z.strictObject({
      username,
      displayName: text(100),
      role,
      password: password.optional(),
      pin: pin.optional(),
      storeIds: z.array(id).max(100).optional(),
    }),
    returns<V.UserView>(),
  ),
  'users.update': method(
    'manager',
    z.strictObject({
      id,
      displayName: text(100).optional(),
      role: role.optional(),
      password: password.optional(),
      pin: pin.optional(),
      storeIds: z.array(id).max(100).optional(),
    }),
    returns<V.UserView>(),
  ),
  'users.disable': method(
    'manager',
    z.strictObject({ id, disabled: z.boolean().default(true) }),
    returns<V.UserView>(),
  ),
} as const
