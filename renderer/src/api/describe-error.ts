import { ApiError } from '../../../shared/api/errors.ts'
import { fieldLabel, plainIssue } from './plain-issue.ts'

/** A sentence a cashier can act on, from any thrown value. Branches on codes, never on messages. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error)
  switch (error.code) {
    case 'VALIDATION':
      return validationText(error)
    case 'UNAUTHENTICATED':
      return 'You are logged out. Log in again.'
    case 'FORBIDDEN':
      return 'Your role does not allow this. Ask a manager.'
    case 'NOT_FOUND':
      return error.message
    case 'OUT_OF_STOCK':
      return outOfStockText(error)
    case 'CONFLICT':
      return error.message
    case 'SALES_LOCKED':
      return `Sales are paused on this till: ${error.message}`
    case 'APPROVAL_REQUIRED':
      return error.message
    case 'SHIFT_CLOSED':
      return 'No shift is open on this till. Open a shift first (Shift, then Open shift).'
    case 'READ_ONLY':
      return `This app is read-only: ${error.message}`
    case 'INTERNAL':
      return `Something went wrong in the store: ${error.message}`
  }
}

function validationText(error: ApiError): string {
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined
  const issues = details?.issues ?? []
  // Without issues the message is the store's own sentence (schema failures always carry issues).
  if (issues.length === 0) return error.message
  return issues
    .map((i) => (i.path ? `${fieldLabel(i.path)}: ${plainIssue(i.message)}` : plainIssue(i.message)))
    .join('; ')
}

function outOfStockText(error: ApiError): string {
  const lines = (error.details as { lines?: unknown[] } | undefined)?.lines
  return Array.isArray(lines) && lines.length === 1
    ? 'Not enough stock of this product at this store.'
    : 'Not enough stock at this store for some of these products.'
}

export function isApiError(error: unknown, code: ApiError['code']): error is ApiError {
  return error instanceof ApiError && error.code === code
}
