import type { AssistantSettingsView } from '../../shared/api/views.ts'
import type { ParsedInputOf } from '../../shared/api/contract.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { Role } from '../../shared/api/roles.ts'
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

/** Scheme, host and port of a base URL ('' when it is empty or unreadable). */
function originOf(baseUrl: string): string {
  try {
    return baseUrl ? new URL(baseUrl).origin : ''
  } catch {
    return ''
  }
}

/**
 * Applies a change; the key is write-only (an empty string removes it).
 *
 * The key is the owner's (it is billed to them), and the base URL decides who receives it with
 * every question. So changing the URL or the key is for owners only, like pointing the store at
 * another relay (`sync.link`); managers may switch the model on or off, pick the model and the
 * timeout. And a URL on another scheme, host or port drops the stored key unless the same call sets
 * a new one: a key is never sent to a server it was not entered for.
 */
export function updateSettings(
  kv: KeyValue,
  input: ParsedInputOf<'assistant.settings.update'>,
  role: Role,
): AssistantSettings {
  const current = readSettings(kv)
  const next = { ...current }
  if (input.baseUrl !== undefined) next.baseUrl = input.baseUrl.replace(/\/+$/, '')
  const ownerOnly = [
    ...(next.baseUrl !== current.baseUrl ? ['baseUrl'] : []),
    ...(input.apiKey !== undefined ? ['apiKey'] : []),
  ]
  if (ownerOnly.length > 0 && role !== 'owner') {
    throw new ApiError('FORBIDDEN', "Only an owner can change the language model's address or API key", {
      required: 'owner',
      role,
      fields: ownerOnly,
    })
  }
  const previousOrigin = originOf(current.baseUrl)
  if (previousOrigin && originOf(next.baseUrl) !== previousOrigin) delete next.apiKey
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
