// The relay's HTTP error answer: the StoreApi's `{code, message, details}` inside an `{error}`
// envelope (the event feed's consumers read the envelope). Built here and read here, once.
import { z } from 'zod'

export const RelayErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type RelayErrorBody = z.infer<typeof RelayErrorBodySchema>

export const RelayErrorEnvelopeSchema = z.object({ error: RelayErrorBodySchema })
export type RelayErrorEnvelope = z.infer<typeof RelayErrorEnvelopeSchema>

export function relayErrorEnvelope(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): RelayErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/** The relay's words for a refusal, or undefined when the body is not a relay error. */
export function relayErrorMessage(body: unknown): string | undefined {
  const parsed = RelayErrorEnvelopeSchema.safeParse(body)
  return parsed.success ? parsed.data.error.message : undefined
}
