/**
 * Errors thrown by the pure core. Codes are a stable subset of the StoreApi's codes
 * (shared/api/errors.ts), so the store node can forward them unchanged.
 */

/** Every code the core may throw. Callers branch on these, never on messages. */
export const domainErrorCodes = ['VALIDATION', 'OUT_OF_STOCK', 'NOT_FOUND', 'CONFLICT', 'READ_ONLY'] as const
export type DomainErrorCode = (typeof domainErrorCodes)[number]

/** One line that could not be covered by this replica's rights (details of OUT_OF_STOCK). */
export interface ShortLine {
  productId: string
  requested: number
  rightsHere: number
  /** The chain's quantity of the product, as this replica sees it. */
  chainValue: number
  /** Other replicas that hold rights to the product (rights > 0), most first. */
  holders: Array<{ replicaId: string; rights: number }>
}

/** An error with a stable code and details: `{code, message, details}` on every boundary. */
export class CodedError<C extends string> extends Error {
  readonly code: C
  readonly details: unknown
  constructor(code: C, message: string, details?: unknown) {
    super(message)
    this.code = code
    this.details = details
  }
  toJSON(): { code: C; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** A refused operation of the core. */
export class DomainError extends CodedError<DomainErrorCode> {
  override readonly name = 'DomainError'
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError
}
