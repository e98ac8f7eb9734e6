import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, text } from './fields.ts'

// The assistant and its settings.

export const assistantMethods = {
  'assistant.ask': method('cashier', z.strictObject({ question: text(500) }), returns<V.AssistantAnswer>()),
  'assistant.settings.get': method('manager', empty, returns<V.AssistantSettingsView>()),
  'assistant.settings.update': method(
    'manager',
    z.strictObject({
      enabled: z.boolean().optional(),
      /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
      baseUrl: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .optional(),
      model: text(200).optional(),
      /** Write-only. An empty string removes the stored key. */
      apiKey: z.string().trim().max(1000).optional(),
      timeoutMs: z.int().min(100).max(120_000).optional(),
    }),
    returns<V.AssistantSettingsView>(),
  ),
} as const
