import { errorFromBody } from '../../shared/api/errors.ts'
import type { Envelope } from '../../shared/api/rpc.ts'

/**
 * Normalises what came back over IPC into the `{result}` / `{error}` envelope. The error is
 * rebuilt with `errorFromBody` (unknown shapes become INTERNAL) and sent on as its plain body,
 * because contextBridge would strip an Error's code and details; the renderer rebuilds ApiError.
 */
export function toEnvelope(value: unknown): Envelope<unknown> {
  if (value && typeof value === 'object') {
    const envelope = value as { result?: unknown; error?: unknown }
    if (envelope.error !== undefined) return { error: errorFromBody(envelope.error).toJSON() }
    if ('result' in envelope) return { result: envelope.result }
  }
  return { error: { code: 'INTERNAL', message: 'Malformed answer from the app shell' } }
}

/** An invoke that failed outright (no handler, process gone) becomes an INTERNAL error envelope. */
toEnvelope.fromFailure = (error: unknown): Envelope<unknown> => ({
  error: { code: 'INTERNAL', message: error instanceof Error ? error.message : 'IPC call failed' },
})
