import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, pin, username } from './fields.ts'

// Logging in and out at this till.

export const sessionInputs = {
  'session.login': z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('password'), username, password: z.string().min(1).max(200) }),
    z.strictObject({ method: z.literal('pin'), username, pin }),
  ]),
  'session.logout': empty,
  'session.current': empty,
} as const

export interface SessionOutputs {
  'session.login': V.SessionView
  'session.logout': { ok: true }
  'session.current': V.SessionView
}

export const sessionAccess = {
  'session.login': 'public',
  'session.logout': 'public',
  'session.current': 'public',
} as const satisfies Record<keyof typeof sessionInputs, Access>
