// POST /enroll: a store trades a one-time enrollment code for a device token.
import { z } from 'zod'

/** Ids the relay accepts in paths and bodies (org, replica, device). */
export const RelayIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/)

export const EnrollRequestSchema = z.object({ code: z.string().min(4).max(64), replicaId: RelayIdSchema })
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>

export const EnrollAnswerSchema = z.object({
  token: z.string().min(16),
  orgId: z.string().min(1),
  storeName: z.string().nullish(),
  /** The relay's admin made this a head-office device (older relays do not say). */
  headOffice: z.boolean().optional(),
  /** The existing store this code was issued for, by its code. */
  storeCode: z.string().nullish(),
  deviceId: z.string().optional(),
  replicaId: z.string().optional(),
  syncPath: z.string().optional(),
  protocolVersion: z.number().optional(),
})
export type EnrollAnswer = z.infer<typeof EnrollAnswerSchema>
