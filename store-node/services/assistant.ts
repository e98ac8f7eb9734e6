import { readMeta, readProduct } from '../../shared/core/schema.ts'
import type { AssistantAnswer } from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf } from '../api/views.ts'
import { Answerer, formatMoney, type RuleAnswer } from '../assistant/answers.ts'
import { chatComplete, LlmError, type ChatMessage, type FetchLike } from '../assistant/llm.ts'
import { readSettings, settingsView, updateSettings, type AssistantSettings } from '../assistant/settings.ts'

export interface AssistantOptions {
  /** The HTTP client for the language model (tests may pass their own). */
  fetch?: FetchLike
}

const contextProducts = 10
const movementsPerProduct = 10

/**
 * The compact context a configured language model receives: the products the question concerns,
 * their price and stock (here, chain, per store), their recent stock movements, and the figures
 * the rules computed. Nothing else: no users, customers, hashes, tokens or settings.
 */
export function buildLlmContext(
  ctx: NodeContext,
  answerer: Answerer,
  rules: RuleAnswer,
): Record<string, unknown> {
  const currency = readMeta(ctx.doc).currency ?? 'EUR'
  const me = ctx.identity().replicaId
  const products = rules.productIds.slice(0, contextProducts).flatMap((id) => {
    const p = readProduct(ctx.doc, id)
    if (!p) return []
    return [
      {
        sku: p.sku,
        name: p.name,
        unit: p.unit,
        price: formatMoney(p.priceMinor, currency),
        taxPercent: p.taxRate / 100,
        reorderPoint: p.reorderPoint,
        stockHere: ctx.fold.rights(id, me),
        stockChain: ctx.fold.value(id),
        reserved: ctx.fold.reserved(id),
        stockPerStore: answerer.storeRights(id).map((s) => ({ store: s.storeName, units: s.rights })),
        recentMovements: ctx.store.queries
          .movements(id, movementsPerProduct)
          .map((m) => ({ at: m.at, type: m.type, delta: m.delta, store: storeNameOf(ctx, m.replicaId) })),
      },
    ]
  })
  return {
    store: storeNameOf(ctx, me),
    now: ctx.nowIso(),
    currency,
    products,
    figures: rules.figures.map((f) => ({ label: f.label, value: f.value })),
  }
}

const systemPrompt =
  "You are the inventory assistant of a retail store using Allot. Answer the staff member's question briefly, " +
  'in plain English, using only the JSON context (products, stock per store, recent movements, figures computed by the store). ' +
  'Quote figures exactly as given; money is already formatted. If the context does not answer the question, say so.'

function noteFor(error: unknown, timeoutMs: number): string {
  const why =
    error instanceof LlmError
      ? error.reason === 'timeout'
        ? `did not answer within ${Math.round(timeoutMs / 100) / 10} s`
        : error.reason === 'http'
          ? `answered with an error (HTTP ${error.status ?? '?'})`
          : error.reason === 'format'
            ? 'sent an answer that could not be read'
            : 'could not be reached'
      : 'failed'
  return `The language model ${why}, so this answer comes from the built-in rules.`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'invalid-url'
  }
}

export function assistantHandlers(
  ctx: NodeContext,
  options: AssistantOptions = {},
): Pick<Handlers, 'assistant.ask' | 'assistant.settings.get' | 'assistant.settings.update'> {
  const answerer = new Answerer(ctx)

  const askModel = async (
    settings: AssistantSettings,
    question: string,
    rules: RuleAnswer,
  ): Promise<string> => {
    const messages: ChatMessage[] = [
      { role: 'system', content: systemPrompt },
      {
        role: 'user',
        content: `Context (JSON): ${JSON.stringify(buildLlmContext(ctx, answerer, rules))}\n\nQuestion: ${question}`,
      },
    ]
    return chatComplete(
      {
        baseUrl: settings.baseUrl,
        model: settings.model,
        apiKey: settings.apiKey,
        timeoutMs: settings.timeoutMs,
      },
      messages,
      options.fetch,
    )
  }

  return {
    'assistant.ask': async (input) => {
      const rules = answerer.answer(input.question)
      const base: AssistantAnswer = {
        answer: rules.answer,
        intent: rules.intent,
        figures: rules.figures,
        links: rules.links,
        source: 'rules',
      }
      const settings = readSettings(ctx.kv)
      if (!settings.enabled || !settings.baseUrl || !settings.model) return base
      try {
        const text = await askModel(settings, input.question, rules)
        return { ...base, answer: text, source: 'llm' }
      } catch (error) {
        // Never the key, the headers or the context: only what went wrong and where.
        ctx.logger.warn(
          {
            host: hostOf(settings.baseUrl),
            reason: error instanceof LlmError ? error.reason : 'unknown',
            status: error instanceof LlmError ? error.status : undefined,
          },
          'assistant: language model failed; answered from the rules',
        )
        return { ...base, note: noteFor(error, settings.timeoutMs) }
      }
    },

    'assistant.settings.get': () => settingsView(readSettings(ctx.kv)),

    'assistant.settings.update': (input, call) => {
      const before = readSettings(ctx.kv)
      const next = updateSettings(ctx.kv, input, call.user.role)
      ctx.logger.info(
        {
          by: call.user.username,
          enabled: next.enabled,
          host: next.baseUrl ? hostOf(next.baseUrl) : undefined,
          model: next.model,
          hasKey: !!next.apiKey,
          keyDropped: !!before.apiKey && !next.apiKey && input.apiKey === undefined ? true : undefined,
        },
        'assistant settings changed',
      )
      return settingsView(next)
    },
  }
}
