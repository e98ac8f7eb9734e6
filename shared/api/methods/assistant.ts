import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, text } from './fields.ts'

// The assistant and its settings.

export const assistantInputs = {
  'assistant.ask': z.strictObject({ question: text(500) }),
  'assistant.settings.get': empty,
  'assistant.settings.update': z.strictObject({
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
} as const

export interface AssistantOutputs {
  'assistant.ask': V.AssistantAnswer
  'assistant.settings.get': V.AssistantSettingsView
  'assistant.settings.update': V.AssistantSettingsView
}

export const assistantAccess = {
  'assistant.ask': 'cashier',
  'assistant.settings.get': 'manager',
  'assistant.settings.update': 'manager',
} as const satisfies Record<keyof typeof assistantInputs, Access>
