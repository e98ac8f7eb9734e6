import { CodedError } from '../core/errors.ts'

/** Stable error codes of the StoreApi. Clients branch on these, never on messages. */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'OUT_OF_STOCK',
  'CONFLICT',
  'SALES_LOCKED',
  /** A manager's PIN is needed (details say why); nothing was recorded. */
  'APPROVAL_REQUIRED',
  /** The till has no open shift and the store requires one for this. */
  'SHIFT_CLOSED',
  'READ_ONLY',
  'INTERNAL',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** The wire shape of every error, on every transport. */
export interface ApiErrorBody {
  code: ErrorCode
  message: string
  details?: unknown
}

/** An error with a stable code; rebuilt with its code on the far side of any transport. */
export class ApiError extends CodedError<ErrorCode> {
  override readonly name = 'ApiError'
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value)
}

/** Rebuilds an ApiError from a wire body; anything unrecognised becomes INTERNAL. */
export function errorFromBody(body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const { code, message, details } = body as Record<string, unknown>
    if (isErrorCode(code)) return new ApiError(code, typeof message === 'string' ? message : code, details)
  }
  return new ApiError('INTERNAL', 'Malformed error from the store')
}
