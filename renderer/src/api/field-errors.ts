import { ApiError } from '../../../shared/api/errors.ts'
import { plainIssue } from './plain-issue.ts'

/** Maps a VALIDATION error's issues to `{ 'owner.password': 'At least 8 characters' }` for form fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return {}
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined
  const out: Record<string, string> = {}
  for (const issue of details?.issues ?? [])
    if (issue.path && !out[issue.path]) out[issue.path] = plainIssue(issue.message)
  return out
}
