import type { AssistantSettingsView } from '../../shared/api/views.ts'
import type { ParsedInputOf } from '../../shared/api/contract.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { KeyValue } from '../db/kv.ts'

/** What the node keeps in its `kv` table. The key stays on this machine and is never returned. */
export interface AssistantSettings {
  enabled: boolean
  baseUrl: string
  model: string
  apiKey?: string
  timeoutMs: number
}

const KV_KEY = 'assistant.settings'
export const defaultTimeoutMs = 8000

export const defaultSettings: AssistantSettings = {
  enabled: false,
  baseUrl: '',
  model: '',
  timeoutMs: defaultTimeoutMs,
}

export function readSettings(kv: KeyValue): AssistantSettings {
  const stored = kv.get<Partial<AssistantSettings>>(KV_KEY) ?? {}
  const settings: AssistantSettings = {
    enabled: stored.enabled === true,
    baseUrl: typeof stored.baseUrl === 'string' ? stored.baseUrl : '',
    model: typeof stored.model === 'string' ? stored.model : '',
    timeoutMs: typeof stored.timeoutMs === 'number' ? stored.timeoutMs : defaultTimeoutMs,
  }
  if (typeof stored.apiKey === 'string' && stored.apiKey) settings.apiKey = stored.apiKey
  return settings
}

export function settingsNotice(s: AssistantSettings): string {
  const off =
    "The assistant answers from this store's own data with built-in rules. Nothing leaves this machine unless a language model is enabled here."
  if (!s.enabled) return `Off (the default). ${off}`
  let host = s.baseUrl
  try {
    host = new URL(s.baseUrl).host
  } catch {
    // keep the text as typed
  }
  return (
    `On. Each question, with a short summary of the products it concerns (name, SKU, price, stock per store, recent stock movements), ` +
    `is sent to ${host}. No customer names, user accounts, passwords, PINs or device tokens are sent. ` +
    `If the model does not answer within ${Math.round(s.timeoutMs / 100) / 10} s, the built-in rules answer instead. Switch it off to keep everything on this machine.`
  )
}

export function settingsView(s: AssistantSettings): AssistantSettingsView {
  return {
    enabled: s.enabled,
    baseUrl: s.baseUrl,
    model: s.model,
    hasKey: !!s.apiKey,
    timeoutMs: s.timeoutMs,
    notice: settingsNotice(s),
  }
}

/** Applies a manager's change; the key is write-only (an empty string removes it). */
export function updateSettings(
  kv: KeyValue,
  input: ParsedInputOf<'assistant.settings.update'>,
): AssistantSettings {
  const next = readSettings(kv)
  if (input.baseUrl !== undefined) next.baseUrl = input.baseUrl.replace(/\/+$/, '')
  if (input.model !== undefined) next.model = input.model
  if (input.timeoutMs !== undefined) next.timeoutMs = input.timeoutMs
  if (input.apiKey !== undefined) {
    if (input.apiKey) next.apiKey = input.apiKey
    else delete next.apiKey
  }
  if (input.enabled !== undefined) next.enabled = input.enabled
  if (next.enabled && (!next.baseUrl || !next.model)) {
    throw new ApiError(
      'VALIDATION',
      "Set the endpoint's base URL and model before enabling the language model",
      {
        issues: [{ path: next.baseUrl ? 'model' : 'baseUrl', message: 'required to enable' }],
      },
    )
  }
  kv.set(KV_KEY, next)
  return next
}
