import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'

// Stock requests between stores.

export const requestsMethods = {
  'requests.list': method(
    'manager',
    z.strictObject({
      state: z.enum(['outstanding', 'all']).default('all'),
      limit: z.int().min(1).max(1000).default(200),
    }),
    returns<{ items: V.RequestRowView[] }>(),
  ),
} as const
