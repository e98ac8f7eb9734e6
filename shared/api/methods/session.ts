import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, pin, username } from './fields.ts'

// Logging in and out at this till.

export const sessionMethods = {
  'session.login': method(
    'public',
    z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('password'), username, password: z.string().min(1).max(200) }),
      z.strictObject({ method: z.literal('pin'), username, pin }),
    ]),
    returns<V.SessionView>(),
  ),
  'session.logout': method('public', empty, returns<{ ok: true }>()),
  'session.current': method('public', empty, returns<V.SessionView>()),
  /** Who may unlock this till with a PIN: the names on the lock screen's PIN pad. */
  'session.staff': method('public', empty, returns<{ staff: V.StaffTile[] }>()),
} as const
