import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { currencyCode, empty, password, pin, text, username } from './fields.ts'

// Setting up a store: a new organization or joining one.

export const setupInputs = {
  'setup.status': empty,
  'setup.createOrganization': z.strictObject({
    orgName: text(100),
    currency: currencyCode,
    storeName: text(100),
    storeCode: text(20),
    owner: z.strictObject({ username, displayName: text(100).optional(), password, pin: pin.optional() }),
  }),
  'setup.joinOrganization': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
    storeName: text(100).optional(),
    storeCode: text(20).optional(),
  }),
} as const

export interface SetupOutputs {
  'setup.status': V.SetupStatus
  'setup.createOrganization': V.SetupStatus
  'setup.joinOrganization': V.SetupStatus
}

export const setupAccess = {
  'setup.status': 'public',
  'setup.createOrganization': 'public',
  'setup.joinOrganization': 'public',
} as const satisfies Record<keyof typeof setupInputs, Access>
