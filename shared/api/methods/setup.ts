import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { currencyCode, empty, password, pin, text, username } from './fields.ts'

// Setting up a store: a new organization or joining one.

export const setupMethods = {
  'setup.status': method('public', empty, returns<V.SetupStatus>()),
  'setup.createOrganization': method(
    'public',
    z.strictObject({
      orgName: text(100),
      currency: currencyCode,
      storeName: text(100),
      storeCode: text(20),
      owner: z.strictObject({ username, displayName: text(100).optional(), password, pin: pin.optional() }),
    }),
    returns<V.SetupStatus>(),
  ),
  'setup.joinOrganization': method(
    'public',
    z.strictObject({
      relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
      enrollmentCode: text(100),
      storeName: text(100).optional(),
      storeCode: text(20).optional(),
    }),
    returns<V.SetupStatus>(),
  ),
} as const
