import { z } from 'zod'
import type { ApiErrorBody } from './errors.ts'
import type { PushedEventName, PushedEvents } from './views.ts'

// JSON-RPC-style frames of the WebSocket transport, and the `{error, result}` envelope of IPC.

export const requestFrame = z.strictObject({
  id: z.union([z.string().max(100), z.int()]),
  method: z.string().max(100),
  params: z.unknown().optional(),
})
export type RequestFrame = z.infer<typeof requestFrame>

export type ResponseFrame =
  { id: string | number; result: unknown } | { id: string | number | null; error: ApiErrorBody }

export type EventFrame<K extends PushedEventName = PushedEventName> = { event: K; data: PushedEvents[K] }

/** What an IPC handler returns: errors travel as data and are rebuilt with their code. */
export type Envelope<T> = { result: T; error?: undefined } | { result?: undefined; error: ApiErrorBody }
