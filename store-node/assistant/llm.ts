// A minimal client for an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, LM Studio,
// llama.cpp server, vLLM…). The key goes only into the Authorization header; it is never logged
// and never part of an error message.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatEndpoint {
  baseUrl: string
  model: string
  apiKey?: string | undefined
  timeoutMs: number
}

export type LlmFailure = 'timeout' | 'http' | 'network' | 'format'

export class LlmError extends Error {
  readonly reason: LlmFailure
  readonly status: number | undefined

  constructor(reason: LlmFailure, message: string, status?: number) {
    super(message)
    this.name = 'LlmError'
    this.reason = reason
    this.status = status
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

const maxAnswerChars = 4000

/** POST {baseUrl}/chat/completions; resolves to the first choice's text or rejects with LlmError. */
export async function chatComplete(
  endpoint: ChatEndpoint,
  messages: ChatMessage[],
  fetchImpl: FetchLike = fetch,
): Promise<string> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, endpoint.timeoutMs)
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, stream: false }),
      signal: controller.signal,
      // A redirect could carry the key to another host: refuse it.
      redirect: 'error',
    })
    const text = await response.text()
    if (!response.ok)
      throw new LlmError('http', `the endpoint answered HTTP ${response.status}`, response.status)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new LlmError('format', 'the endpoint did not answer JSON')
    }
    const content = firstChoiceText(body)
    if (!content) throw new LlmError('format', "the endpoint's answer had no message text")
    return content.length > maxAnswerChars ? `${content.slice(0, maxAnswerChars)}…` : content
  } catch (error) {
    if (error instanceof LlmError) throw error
    if (timedOut) throw new LlmError('timeout', `no answer within ${endpoint.timeoutMs} ms`)
    throw new LlmError('network', 'the endpoint could not be reached')
  } finally {
    clearTimeout(timer)
  }
}

function firstChoiceText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || !('choices' in body) || !Array.isArray(body.choices))
    return undefined
  const first: unknown = body.choices[0]
  if (!first || typeof first !== 'object' || !('message' in first)) return undefined
  const message: unknown = first.message
  if (
    !message ||
    typeof message !== 'object' ||
    !('content' in message) ||
    typeof message.content !== 'string'
  )
    return undefined
  return message.content.trim() || undefined
}
