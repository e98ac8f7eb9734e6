import { z } from 'zod'
import {
  access,
  inputs,
  isMethodName,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/api/contract.ts'
import { ApiError, type ApiErrorBody } from '../../shared/api/errors.ts'
import { roleAllows, type Role } from '../../shared/api/roles.ts'
import type { Envelope } from '../../shared/api/rpc.ts'
import { DomainError } from '../../shared/core/errors.ts'

/** Who is calling, per connection (one Electron window, one WebSocket client). */
export interface Session {
  userId: string | null
}

/** The logged-in user of a call, resolved from the document and checked for this call. */
export interface CallUser {
  id: string
  role: Role
  username: string
}

/** What a handler of a public method receives besides its input: a user only if one is logged in. */
export interface CallContext {
  session: Session
  user?: CallUser
}

/** What a handler of a method that needs a role receives: the user, always (dispatch checked it). */
export interface UserCallContext extends CallContext {
  user: CallUser
}

/** The call context of method K, by its access rule. */
export type CallContextOf<K extends MethodName> = (typeof access)[K] extends 'public'
  ? CallContext
  : UserCallContext

/** The StoreNode's implementation of every method: the typed handler map. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<K>, ctx: CallContextOf<K>) => OutputOf<K> | Promise<OutputOf<K>>
}

export interface DispatchPorts {
  handlers: Handlers
  /** Current record of a user, or undefined if unknown; read from the document on every call. */
  findUser(userId: string): { id: string; role: Role; username: string; disabled: boolean } | undefined
  logError(error: unknown, method: string): void
}

/** Maps a thrown value to the wire error shape; unknown errors never leak their message. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toJSON()
  if (error instanceof DomainError) return error.toJSON()
  return { code: 'INTERNAL', message: 'Internal error in the store node; see its log.' }
}

function validationDetails(error: z.ZodError): { issues: { path: string; message: string }[] } {
  return { issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
}

/**
 * One call through the boundary: method known? input valid? caller allowed? Then the handler.
 * Every failure is `{code, message, details}`; nothing runs before validation passes.
 */
export async function dispatch(
  ports: DispatchPorts,
  method: unknown,
  params: unknown,
  session: Session,
): Promise<Envelope<unknown>> {
  const name = String(method)
  try {
    if (!isMethodName(method))
      throw new ApiError('NOT_FOUND', `Unknown method ${JSON.stringify(name).slice(0, 120)}`)
    const parsed = inputs[method].safeParse(params === undefined ? {} : params)
    if (!parsed.success) {
      throw new ApiError('VALIDATION', `Invalid input for ${method}`, validationDetails(parsed.error))
    }
    const ctx: CallContext = { session }
    const required = access[method]
    if (required !== 'public' || session.userId) {
      const user = session.userId ? ports.findUser(session.userId) : undefined
      if (user && !user.disabled) ctx.user = { id: user.id, role: user.role, username: user.username }
      else if (session.userId) session.userId = null
    }
    if (required !== 'public') {
      if (!ctx.user) throw new ApiError('UNAUTHENTICATED', 'Log in first')
      if (!roleAllows(ctx.user.role, required)) {
        throw new ApiError('FORBIDDEN', `${method} needs the ${required} role`, {
          required,
          role: ctx.user.role,
        })
      }
    }
    const handler = ports.handlers[method] as (input: unknown, ctx: CallContext) => unknown
    return { result: await handler(parsed.data, ctx) }
  } catch (error) {
    const body = toErrorBody(error)
    if (body.code === 'INTERNAL') ports.logError(error, name)
    return { error: body }
  }
}
