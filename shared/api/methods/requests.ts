import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'

// Stock requests between stores.

export const requestsInputs = {
  'requests.list': z.strictObject({
    state: z.enum(['outstanding', 'all']).default('all'),
    limit: z.int().min(1).max(1000).default(200),
  }),
} as const

export interface RequestsOutputs {
  'requests.list': { items: V.RequestRowView[] }
}

export const requestsAccess = {
  'requests.list': 'manager',
} as const satisfies Record<keyof typeof requestsInputs, Access>
