import {
  listProductIds,
  listReplicas,
  readMeta,
  readReplica,
  readProduct,
  readSupplier,
  type Product,
} from '../../shared/core/schema.ts'
import type { AssistantFigure, AssistantLink } from '../../shared/api/views.ts'
import type { NodeContext } from '../api/context.ts'
import { holdersOf } from '../api/views.ts'
import { formatDecimal, minorDigits } from '../../shared/api/money.ts'
import { parseQuestion, type Intent, type Period } from './parse.ts'
import { countView } from '../services/counts.ts'
import { reorderSuggestions } from '../services/purchasing.ts'

/** The rule-based answer, plus the products it concerns (the LLM's context is built from those). */
export interface RuleAnswer {
  answer: string
  intent: string
  figures: AssistantFigure[]
  links: AssistantLink[]
  productIds: string[]
}

const listMax = 10

export const capabilities = [
  'what is low, or what to reorder',
  'stock of a product, here and per store ("how many Green tea do we have?")',
  'where a product can be had ("which store has Green tea?")',
  'items under or over a price ("what is under €5?")',
  'best sellers ("best sellers this week", "top 10 in the last 30 days")',
  'sales today or this week, here or chain-wide',
  'what is waiting to sync',
  'reservations about to expire',
  'what the last stock count found ("what did the last count find?")',
  'what to order for this store ("what should we order?")',
  'margin of a period or a product ("margin this month", "what does Green tea earn?")',
]

/** Money from integer minor units in the organisation's currency, formatted from exact decimal text. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  const text = formatDecimal(minor, digits) as `${number}`
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(text)
  } catch {
    return `${text} ${currency}`
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function minutesText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000)
  if (minutes < 60) return plural(minutes, 'minute')
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${plural(hours, 'hour')}${minutes % 60 ? ` ${minutes % 60} min` : ''}`
  return plural(Math.round(hours / 24), 'day')
}

export class Answerer {
  private readonly ctx: NodeContext

  constructor(ctx: NodeContext) {
    this.ctx = ctx
  }

  private get currency(): string {
    return readMeta(this.ctx.doc).currency ?? 'EUR'
  }

  private money(minor: number): string {
    return formatMoney(minor, this.currency)
  }

  /** Today at this store (its time zone), as the reports count days. */
  private today(): string {
    return this.ctx.store.reports.dayOf(this.me(), this.ctx.nowIso())
  }

  private me(): string {
    return this.ctx.identity().replicaId
  }

  /** The tills of this store (a store with several tills has one replica per till). */
  private hereReplicas(): Set<string> {
    const storeId = this.ctx.identity().storeId
    const ids = new Set([this.me()])
    if (storeId)
      for (const [id, info] of listReplicas(this.ctx.doc)) if (info.storeId === storeId) ids.add(id)
    return ids
  }

  private storeName(): string {
    const info = listReplicas(this.ctx.doc).get(this.me())
    return info?.storeName || 'this store'
  }

  private product(id: string): Product | undefined {
    const p = readProduct(this.ctx.doc, id)
    return p && !p.archived ? p : undefined
  }

  /** Rights per store (tills of one store summed), largest first; retired tills left out. */
  storeRights(productId: string): Array<{ storeName: string; rights: number; here: boolean }> {
    const here = this.hereReplicas()
    const byStore = new Map<string, { storeName: string; rights: number; here: boolean }>()
    for (const h of holdersOf(this.ctx, productId)) {
      if (h.status === 'retired') continue
      const key = h.storeId || h.replicaId
      const entry = byStore.get(key) ?? { storeName: h.storeName, rights: 0, here: here.has(h.replicaId) }
      entry.rights += h.rights
      byStore.set(key, entry)
    }
    return [...byStore.values()].sort((a, b) => b.rights - a.rights || a.storeName.localeCompare(b.storeName))
  }

  private hereRights(productId: string): number {
    let n = 0
    for (const r of this.hereReplicas()) n += this.ctx.fold.rights(productId, r)
    return n
  }

  /**
   * Words → products via the catalog's search (exact SKU/barcode, then word prefixes). Tolerant of
   * plurals and small typos, never of a missing word: "green tea" is not "Tea lights" when the
   * catalog has no green tea (a product must account for every word of three letters or more).
   */
  resolveProducts(phrase: string, limit = 5): string[] {
    const words = phrase.split(/\s+/).filter(Boolean).slice(0, 8)
    if (words.length === 0) return []
    const search = (text: string) =>
      this.ctx.store.catalog.search(text, 50, false).filter((id) => this.product(id))
    const pick = (ids: string[]): string[] => {
      const lower = phrase.toLowerCase()
      const exact = ids.filter((id) => {
        const p = this.product(id)
        return p && (p.name.toLowerCase() === lower || p.sku.toLowerCase() === lower)
      })
      return (exact.length > 0 ? exact : ids).slice(0, limit)
    }
    const singular = (w: string) =>
      w.length > 4 && /ies$/i.test(w)
        ? `${w.slice(0, -3)}y`
        : w.length > 3 && /[^s]s$/i.test(w)
          ? w.slice(0, -1)
          : w
    for (const variant of [words, words.map(singular)]) {
      // Longest runs of consecutive words first: "green tea" before "green" or "tea".
      for (let size = variant.length; size >= 1; size--) {
        for (let start = 0; start + size <= variant.length; start++) {
          const found = search(variant.slice(start, start + size).join(' '))
          if (found.length === 0) continue
          if (size === variant.length) return pick(found)
          // only some words found products: keep those whose names account for every word
          const covering = found.filter((id) => this.coversWords(id, words))
          if (covering.length > 0) return pick(covering)
        }
      }
    }
    return this.fuzzy(words).slice(0, limit)
  }

  /** Every typed word of three letters or more is in the product's name (typos allowed) or SKU. */
  private coversWords(id: string, words: string[]): boolean {
    const p = this.product(id)
    if (!p) return false
    const nameWords = p.name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
    return words
      .map((w) => w.toLowerCase())
      .filter((w) => w.length >= 3)
      .every((w) => w === p.sku.toLowerCase() || nameWords.some((n) => wordsMatch(w, n)))
  }

  /** Typos: product names whose words are within a small edit distance of what was typed. */
  private fuzzy(words: string[]): string[] {
    const typed = words.map((w) => w.toLowerCase()).filter((w) => w.length >= 4)
    if (typed.length === 0) return []
    const ids = listProductIds(this.ctx.doc)
    if (ids.length > 20_000) return []
    const scored: Array<{ id: string; score: number }> = []
    for (const id of ids) {
      const p = this.product(id)
      if (!p) continue
      const nameWords = p.name
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
      let score = 0
      for (const w of typed) if (nameWords.some((n) => editDistance(w, n) <= (w.length >= 7 ? 2 : 1))) score++
      if (score > 0 && this.coversWords(id, words)) scored.push({ id, score })
    }
    return scored.sort((a, b) => b.score - a.score).map((s) => s.id)
  }

  answer(question: string): RuleAnswer {
    const intent = parseQuestion(question, {
      today: this.today(),
      currencyDigits: minorDigits(this.currency),
    })
    return this.answerIntent(intent)
  }

  answerIntent(intent: Intent): RuleAnswer {
    switch (intent.kind) {
      case 'help':
        return this.help("Here is what I can answer, from this store's own data:")
      case 'unknown': {
        const ids = this.resolveProducts(intent.product)
        if (ids.length > 0) return this.stockLevel(ids)
        return this.help('I did not understand that question. I can answer:')
      }
      case 'low-stock': {
        const ids = intent.product ? this.resolveProducts(intent.product) : []
        return ids.length > 0 ? this.stockLevel(ids) : this.lowStock()
      }
      case 'stock-level': {
        if (!intent.product) return this.stockOverview()
        const ids = this.resolveProducts(intent.product)
        return ids.length > 0 ? this.stockLevel(ids) : this.notFound(intent.product, 'stock-level')
      }
      case 'where-available': {
        if (!intent.product)
          return {
            ...this.help('Which product? For example: "which store has Green tea?". I can answer:'),
            intent: 'where-available',
          }
        const ids = this.resolveProducts(intent.product)
        return ids.length > 0 ? this.whereAvailable(ids) : this.notFound(intent.product, 'where-available')
      }
      case 'price':
        return this.price(intent)
      case 'best-sellers':
        return this.bestSellers(intent.period, intent.limit)
      case 'sales-total':
        return this.salesTotal(intent.period, intent.scope, intent.product)
      case 'sync-pending':
        return this.syncPending()
      case 'holds-expiring':
        return this.holdsExpiring(intent.withinMinutes)
      case 'count-result':
        return this.countResult()
      case 'what-to-order':
        return this.whatToOrder()
      case 'margin':
        return this.margin(intent.period, intent.product)
    }
  }

  /** The purchasing suggestions of this store (the last 28 days' sales), by supplier. */
  private whatToOrder(): RuleAnswer {
    const items = reorderSuggestions(this.ctx, 28)
    const links: AssistantLink[] = [{ label: 'Purchasing: suggestions', screen: 'purchasing', params: {} }]
    if (items.length === 0)
      return {
        answer: `Nothing needs ordering at ${this.storeName()}: every product with a reorder point or recent sales stays above its reorder point until a delivery ordered now arrives.`,
        intent: 'what-to-order',
        figures: [],
        links,
        productIds: [],
      }
    const supplierName = (id: string) => (id ? (readSupplier(this.ctx.doc, id)?.name ?? id) : 'no supplier')
    const shown = [...items]
      .sort((a, b) => supplierName(a.supplierId).localeCompare(supplierName(b.supplierId)))
      .slice(0, listMax)
    const lines = shown.map(
      (s) =>
        `• ${s.name} (${s.sku}): order ${s.qty} from ${supplierName(s.supplierId)} (${s.here} here, ${s.onOrder} on order, ${s.dailySales}/day, ${s.leadTimeDays} days to deliver)`,
    )
    const more = items.length > shown.length ? [`…and ${items.length - shown.length} more.`] : []
    return {
      answer: [
        `${plural(items.length, 'product')} to order for ${this.storeName()}:`,
        ...lines,
        ...more,
      ].join('\n'),
      intent: 'what-to-order',
      figures: shown.map((s) => ({
        label: s.name,
        value: `order ${s.qty}`,
        productId: s.productId,
        qty: s.qty,
      })),
      links,
      productIds: shown.map((s) => s.productId),
    }
  }

  /** Margin of a period (all stores): of the products asked about, or the total and the best. */
  private margin(period: Period, productPhrase: string): RuleAnswer {
    const links: AssistantLink[] = [
      { label: 'Margin', screen: 'reports', params: { from: period.from, to: period.to } },
    ]
    const percent = (margin: number, revenue: number) =>
      revenue === 0 ? '' : ` (${((100 * margin) / revenue).toFixed(1)} %)`
    if (productPhrase) {
      const ids = this.resolveProducts(productPhrase)
      if (ids.length === 0) return this.notFound(productPhrase, 'margin')
      const lines = ids.map((id) => {
        const m = this.ctx.store.reports.marginOfProduct(id, period.from, period.to)
        const name = this.product(id)?.name ?? id
        const margin = m.revenueMinor - m.costMinor
        return m.qty === 0
          ? `${name} ${period.label}: nothing sold.`
          : `${name} ${period.label}: ${m.qty} sold, ${this.money(m.revenueMinor)} without tax, cost ${this.money(m.costMinor)}, margin ${this.money(margin)}${percent(margin, m.revenueMinor)} (all stores).`
      })
      return { answer: lines.join('\n'), intent: 'margin', figures: [], links, productIds: ids }
    }
    const { rows, total } = this.ctx.store.reports.marginByProduct(period.from, period.to, 5)
    if (total.qty === 0)
      return {
        answer: `Nothing was sold ${period.label} (all stores).`,
        intent: 'margin',
        figures: [],
        links,
        productIds: [],
      }
    const margin = total.revenueMinor - total.costMinor
    const best = rows.map((r, i) => {
      const m = r.revenueMinor - r.costMinor
      return `${i + 1}. ${this.product(r.key)?.name ?? r.key}: ${this.money(m)}${percent(m, r.revenueMinor)}`
    })
    return {
      answer: [
        `Margin ${period.label} (all stores): ${this.money(margin)}${percent(margin, total.revenueMinor)} on ${this.money(total.revenueMinor)} revenue without tax. Largest margins:`,
        ...best,
      ].join('\n'),
      intent: 'margin',
      figures: rows.map((r) => ({
        label: this.product(r.key)?.name ?? r.key,
        value: this.money(r.revenueMinor - r.costMinor),
        productId: r.key,
        qty: r.qty,
      })),
      links,
      productIds: rows.map((r) => r.key),
    }
  }

  /** The store's latest posted count and its variances (an open one: only how far it got). */
  private countResult(): RuleAnswer {
    const storeId = this.ctx.identity().storeId
    const counts = this.ctx.store.counts
      .recentStarts(200)
      .filter((c) => readReplica(this.ctx.doc, c.replicaId)?.storeId === storeId)
    const posted = counts.find((c) => this.ctx.store.counts.postOf(c.event.id))
    const links: AssistantLink[] = [{ label: 'Stock counts', screen: 'stock', params: { view: 'counts' } }]
    if (!posted) {
      const open = counts[0]
      const answer = open
        ? `No count has been posted at this store yet. "${open.event.name}" is open: ${countView(this.ctx, open, 'cashier').counted} of ${open.event.productIds.length} products counted.`
        : 'No stock count has been started at this store yet.'
      return { answer, intent: 'count-result', figures: [], links, productIds: [] }
    }
    // posted: nothing is hidden any more, whoever asks
    const view = countView(this.ctx, posted, 'cashier')
    const varied = view.lines
      .filter((l) => l.varianceQty !== null && l.varianceQty !== 0)
      .sort((a, b) => Math.abs(b.varianceQty ?? 0) - Math.abs(a.varianceQty ?? 0))
    const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
    const head = `"${view.name}", posted ${view.postedAt?.slice(0, 10) ?? ''}: ${view.counted} of ${view.products} products counted, ${plural(varied.length, 'difference')}.`
    const lines = varied
      .slice(0, listMax)
      .map(
        (l) =>
          `${l.name}: expected ${l.expectedQty}, counted ${l.countedQty} (${signed(l.varianceQty ?? 0)})`,
      )
    const more = varied.length > listMax ? [`…and ${varied.length - listMax} more.`] : []
    return {
      answer: [head, ...lines, ...more].join('\n'),
      intent: 'count-result',
      figures: varied.slice(0, listMax).map((l) => ({
        label: `${l.name}: difference`,
        value: signed(l.varianceQty ?? 0),
        productId: l.productId,
        qty: l.varianceQty ?? 0,
      })),
      links,
      productIds: varied.slice(0, listMax).map((l) => l.productId),
    }
  }

  private help(lead: string): RuleAnswer {
    return {
      answer: `${lead}\n${capabilities.map((c) => `• ${c}`).join('\n')}`,
      intent: 'unknown',
      figures: [],
      links: [],
      productIds: [],
    }
  }

  private notFound(phrase: string, intent: string): RuleAnswer {
    return {
      answer: `I could not find a product matching "${phrase}". Try its name, SKU or barcode.`,
      intent,
      figures: [],
      links: [{ label: 'Search the catalog', screen: 'catalog', params: { query: phrase } }],
      productIds: [],
    }
  }

  private stockOverview(): RuleAnswer {
    let products = 0
    let here = 0
    let chain = 0
    for (const id of listProductIds(this.ctx.doc)) {
      if (!this.product(id)) continue
      products++
      here += this.hereRights(id)
      chain += this.ctx.fold.value(id)
    }
    return {
      answer: `${plural(products, 'product')} in the catalog: ${plural(here, 'unit')} here (${this.storeName()}), ${plural(chain, 'unit')} across the chain. Name a product to see its stock per store.`,
      intent: 'stock-level',
      figures: [
        { label: 'Products', value: String(products), qty: products },
        { label: 'Units here', value: String(here), qty: here },
        { label: 'Units in the chain', value: String(chain), qty: chain },
      ],
      links: [{ label: 'Open stock', screen: 'stock' }],
      productIds: [],
    }
  }

  private stockLevel(ids: string[]): RuleAnswer {
    const lines: string[] = []
    const figures: AssistantFigure[] = []
    const links: AssistantLink[] = []
    for (const id of ids) {
      const p = this.product(id)
      if (!p) continue
      const here = this.hereRights(id)
      const chain = this.ctx.fold.value(id)
      const reserved = this.ctx.fold.reserved(id)
      const stores = this.storeRights(id).filter((s) => s.rights !== 0)
      const perStore =
        stores.length > 0 ? ` Per store: ${stores.map((s) => `${s.storeName} ${s.rights}`).join(', ')}.` : ''
      const low =
        p.reorderPoint > 0 && chain <= p.reorderPoint
          ? ` Low: at or below its reorder point (${p.reorderPoint}).`
          : ''
      lines.push(
        `${p.name} (${p.sku}): ${here} ${p.unit} here, ${chain} in the chain${reserved ? ` (${reserved} reserved)` : ''}.${perStore}${low}`,
      )
      figures.push({ label: `${p.name}: here`, value: String(here), productId: id, qty: here })
      figures.push({ label: `${p.name}: chain`, value: String(chain), productId: id, qty: chain })
      for (const s of stores)
        figures.push({
          label: `${p.name}: ${s.storeName}`,
          value: String(s.rights),
          productId: id,
          qty: s.rights,
        })
      links.push({ label: `Stock of ${p.name}`, screen: 'stock', params: { productId: id } })
    }
    return { answer: lines.join('\n'), intent: 'stock-level', figures, links, productIds: ids }
  }

  private whereAvailable(ids: string[]): RuleAnswer {
    const lines: string[] = []
    const figures: AssistantFigure[] = []
    const links: AssistantLink[] = []
    for (const id of ids) {
      const p = this.product(id)
      if (!p) continue
      const stores = this.storeRights(id).filter((s) => s.rights > 0)
      if (stores.length === 0)
        lines.push(`No store holds ${p.name} right now (chain total ${this.ctx.fold.value(id)}).`)
      else {
        const list = stores.map((s) => `${s.storeName}${s.here ? ' (here)' : ''}: ${s.rights}`).join(', ')
        const hereOnly = stores.every((s) => s.here)
        lines.push(`${p.name} can be had at ${list}.${hereOnly ? ' No other store holds any.' : ''}`)
      }
      for (const s of stores)
        figures.push({
          label: `${p.name} at ${s.storeName}`,
          value: String(s.rights),
          productId: id,
          qty: s.rights,
        })
      links.push({ label: `Stock of ${p.name} per store`, screen: 'stock', params: { productId: id } })
    }
    return { answer: lines.join('\n'), intent: 'where-available', figures, links, productIds: ids }
  }

  private lowStock(): RuleAnswer {
    const rows: Array<{ id: string; p: Product; value: number; suggested: number }> = []
    let withReorderPoint = 0
    for (const id of listProductIds(this.ctx.doc)) {
      const p = this.product(id)
      if (!p || p.reorderPoint <= 0) continue
      withReorderPoint++
      const value = this.ctx.fold.value(id)
      if (value > p.reorderPoint) continue
      rows.push({ id, p, value, suggested: Math.max(0, 2 * p.reorderPoint - value) })
    }
    rows.sort(
      (a, b) => a.value - a.p.reorderPoint - (b.value - b.p.reorderPoint) || a.p.name.localeCompare(b.p.name),
    )
    const links: AssistantLink[] = [{ label: 'Low stock', screen: 'stock', params: { filter: 'low' } }]
    if (rows.length === 0) {
      return {
        answer:
          withReorderPoint === 0
            ? 'No product has a reorder point yet, so nothing counts as low. Set reorder points in the catalog.'
            : `Nothing is low: all ${plural(withReorderPoint, 'product')} with a reorder point are above it.`,
        intent: 'low-stock',
        figures: [],
        links,
        productIds: [],
      }
    }
    const shown = rows.slice(0, listMax)
    const list = shown
      .map(
        (r) =>
          `• ${r.p.name} (${r.p.sku}): ${r.value} left, reorder point ${r.p.reorderPoint}, order ${r.suggested}`,
      )
      .join('\n')
    const more = rows.length > shown.length ? `\n…and ${rows.length - shown.length} more.` : ''
    return {
      answer: `${plural(rows.length, 'product is', 'products are')} at or below the reorder point (chain stock):\n${list}${more}`,
      intent: 'low-stock',
      figures: shown.map((r) => ({
        label: r.p.name,
        value: `${r.value} left (reorder at ${r.p.reorderPoint}, order ${r.suggested})`,
        productId: r.id,
        qty: r.value,
      })),
      links,
      productIds: shown.map((r) => r.id),
    }
  }

  private price(intent: Extract<Intent, { kind: 'price' }>): RuleAnswer {
    const digits = minorDigits(this.currency)
    if (intent.badAmount !== undefined) {
      return {
        answer: `I could not read the amount "${intent.badAmount}": write it like ${formatDecimal(5 * 10 ** digits + (digits ? 49 : 0), digits)}${digits ? ` (at most ${digits} decimals)` : ''}.`,
        intent: 'price',
        figures: [],
        links: [],
        productIds: [],
      }
    }
    const matched = intent.product ? this.resolveProducts(intent.product, 200) : []
    // "How much is Green tea?": the price of named products.
    if (!intent.direction && matched.length > 0) {
      const ids = matched.slice(0, 5)
      const figures: AssistantFigure[] = []
      const lines = ids.map((id) => {
        const p = this.product(id)!
        figures.push({
          label: p.name,
          value: this.money(p.priceMinor),
          productId: id,
          amountMinor: p.priceMinor,
        })
        return `${p.name} (${p.sku}) costs ${this.money(p.priceMinor)}${p.taxRate ? ` before tax (${formatDecimal(p.taxRate, 2).replace(/\.?0+$/, '')} % tax)` : ''}; ${this.hereRights(id)} here.`
      })
      return {
        answer: lines.join('\n'),
        intent: 'price',
        figures,
        links: ids.map((id) => ({
          label: `${this.product(id)!.name} in the catalog`,
          screen: 'catalog',
          params: { productId: id },
        })),
        productIds: ids,
      }
    }
    const direction = intent.direction ?? 'under'
    const pool = matched.length > 0 ? matched : listProductIds(this.ctx.doc)
    let rows = pool.flatMap((id) => {
      const p = this.product(id)
      return p ? [{ id, p }] : []
    })
    if (intent.maxMinor !== undefined) rows = rows.filter((r) => r.p.priceMinor <= intent.maxMinor!)
    if (intent.minMinor !== undefined) rows = rows.filter((r) => r.p.priceMinor >= intent.minMinor!)
    rows.sort(
      (a, b) =>
        (direction === 'over' ? b.p.priceMinor - a.p.priceMinor : a.p.priceMinor - b.p.priceMinor) ||
        a.p.name.localeCompare(b.p.name),
    )
    const bounded = intent.minMinor !== undefined || intent.maxMinor !== undefined
    const shown = rows.slice(0, bounded ? listMax : 5)
    const what =
      direction === 'between'
        ? `between ${this.money(intent.minMinor!)} and ${this.money(intent.maxMinor!)}`
        : intent.maxMinor !== undefined
          ? `at or under ${this.money(intent.maxMinor)}`
          : intent.minMinor !== undefined
            ? `at or over ${this.money(intent.minMinor)}`
            : direction === 'over'
              ? 'most expensive'
              : 'cheapest'
    const params: Record<string, string> = { sort: direction === 'over' ? 'price-desc' : 'price-asc' }
    if (intent.maxMinor !== undefined) params.maxPriceMinor = String(intent.maxMinor)
    if (intent.minMinor !== undefined) params.minPriceMinor = String(intent.minMinor)
    const links: AssistantLink[] = [{ label: 'Open the catalog', screen: 'catalog', params }]
    if (shown.length === 0)
      return { answer: `No product is priced ${what}.`, intent: 'price', figures: [], links, productIds: [] }
    const list = shown
      .map((r) => `• ${r.p.name} (${r.p.sku}): ${this.money(r.p.priceMinor)}, ${this.hereRights(r.id)} here`)
      .join('\n')
    const head = bounded
      ? `${plural(rows.length, 'product is', 'products are')} priced ${what}${rows.length > shown.length ? ` (showing ${shown.length})` : ''}:`
      : `The ${shown.length} ${what} products:`
    return {
      answer: `${head}\n${list}`,
      intent: 'price',
      figures: shown.map((r) => ({
        label: r.p.name,
        value: this.money(r.p.priceMinor),
        productId: r.id,
        amountMinor: r.p.priceMinor,
        qty: this.hereRights(r.id),
      })),
      links,
      productIds: shown.map((r) => r.id),
    }
  }

  private bestSellers(period: Period, limit: number): RuleAnswer {
    const rows = this.ctx.store.reports
      .salesBy('product', period.from, period.to, 10_000)
      .filter((r) => r.qty > 0)
      .sort((a, b) => b.qty - a.qty || b.revenueMinor - a.revenueMinor)
      .slice(0, limit)
    const links: AssistantLink[] = [
      {
        label: 'Sales by product',
        screen: 'reports',
        params: { from: period.from, to: period.to, groupBy: 'product' },
      },
    ]
    if (rows.length === 0)
      return {
        answer: `Nothing was sold ${period.label} (all stores).`,
        intent: 'best-sellers',
        figures: [],
        links,
        productIds: [],
      }
    const name = (id: string) => readProduct(this.ctx.doc, id)?.name ?? id
    return {
      answer: `Best sellers ${period.label}, by units sold across the chain:\n${rows.map((r, i) => `${i + 1}. ${name(r.key)}: ${r.qty} sold, ${this.money(r.revenueMinor)}`).join('\n')}`,
      intent: 'best-sellers',
      figures: rows.map((r) => ({
        label: name(r.key),
        value: `${r.qty} sold, ${this.money(r.revenueMinor)}`,
        productId: r.key,
        qty: r.qty,
        amountMinor: r.revenueMinor,
      })),
      links,
      productIds: rows.map((r) => r.key),
    }
  }

  private salesTotal(period: Period, scope: 'here' | 'chain', productPhrase: string): RuleAnswer {
    const reportLink = (groupBy: string): AssistantLink => ({
      label: 'Sales report',
      screen: 'reports',
      params: { from: period.from, to: period.to, groupBy },
    })
    const productIds = productPhrase ? this.resolveProducts(productPhrase, 3) : []
    if (productIds.length > 0) {
      const rows = new Map(
        this.ctx.store.reports.salesBy('product', period.from, period.to, 10_000).map((r) => [r.key, r]),
      )
      const figures: AssistantFigure[] = []
      const lines = productIds.map((id) => {
        const p = readProduct(this.ctx.doc, id)!
        const r = rows.get(id)
        const qty = r?.qty ?? 0
        const revenue = r?.revenueMinor ?? 0
        figures.push(
          { label: `${p.name} sold`, value: String(qty), productId: id, qty },
          { label: `${p.name} sales`, value: this.money(revenue), productId: id, amountMinor: revenue },
        )
        return `${p.name} ${period.label}: ${qty} sold, ${this.money(revenue)} (all stores).`
      })
      return {
        answer: lines.join('\n'),
        intent: 'sales-total',
        figures,
        links: [reportLink('product')],
        productIds,
      }
    }
    const rows = this.ctx.store.reports.salesBy('replica', period.from, period.to, 10_000)
    const here = this.hereReplicas()
    const replicas = listReplicas(this.ctx.doc)
    const byStore = new Map<string, { name: string; count: number; revenue: number; here: boolean }>()
    for (const r of rows) {
      const info = replicas.get(r.key)
      const key = info?.storeId || r.key
      const entry = byStore.get(key) ?? {
        name: info?.storeName || r.key.slice(0, 8),
        count: 0,
        revenue: 0,
        here: here.has(r.key),
      }
      entry.count += r.count
      entry.revenue += r.revenueMinor
      byStore.set(key, entry)
    }
    const stores = [...byStore.values()].sort((a, b) => b.revenue - a.revenue)
    const mine = stores
      .filter((s) => s.here)
      .reduce((t, s) => ({ count: t.count + s.count, revenue: t.revenue + s.revenue }), {
        count: 0,
        revenue: 0,
      })
    const chain = stores.reduce((t, s) => ({ count: t.count + s.count, revenue: t.revenue + s.revenue }), {
      count: 0,
      revenue: 0,
    })
    const hereLine = `Sales here (${this.storeName()}) ${period.label}: ${this.money(mine.revenue)} from ${plural(mine.count, 'sale')}.`
    const figures: AssistantFigure[] = [
      {
        label: `Sales here ${period.label}`,
        value: this.money(mine.revenue),
        amountMinor: mine.revenue,
        qty: mine.count,
      },
    ]
    if (scope === 'here')
      return { answer: hereLine, intent: 'sales-total', figures, links: [reportLink('day')], productIds: [] }
    figures.push({
      label: `Sales across the chain ${period.label}`,
      value: this.money(chain.revenue),
      amountMinor: chain.revenue,
      qty: chain.count,
    })
    for (const s of stores)
      figures.push({
        label: `Sales at ${s.name}`,
        value: this.money(s.revenue),
        amountMinor: s.revenue,
        qty: s.count,
      })
    const perStore =
      stores.length > 0
        ? `\nPer store: ${stores.map((s) => `${s.name} ${this.money(s.revenue)} (${plural(s.count, 'sale')})`).join(', ')}.`
        : ''
    return {
      answer: `Sales across the chain ${period.label}: ${this.money(chain.revenue)} from ${plural(chain.count, 'sale')} (as far as other stores have synced).${perStore}`,
      intent: 'sales-total',
      figures,
      links: [reportLink('store')],
      productIds: [],
    }
  }

  private syncPending(): RuleAnswer {
    const s = this.ctx.sync().status()
    const links: AssistantLink[] = [{ label: 'Sync status', screen: 'status' }]
    const figures: AssistantFigure[] = [
      { label: 'Waiting to sync', value: String(s.pendingEvents), qty: s.pendingEvents },
      { label: 'Connection', value: s.state },
    ]
    if (s.lastSyncAt) figures.push({ label: 'Last sync', value: s.lastSyncAt })
    let answer: string
    if (!s.linked || s.state === 'standalone') {
      answer =
        'This store is not linked to a relay (standalone): everything is saved on this machine and nothing is waiting to sync.'
    } else if (s.pendingEvents > 0) {
      answer = `${plural(s.pendingEvents, 'change is', 'changes are')} waiting to sync${s.oldestPendingAt ? ` (oldest from ${s.oldestPendingAt})` : ''}. Connection: ${s.state}.${s.lastSyncAt ? ` Last sync: ${s.lastSyncAt}.` : ''} They are saved here and will be sent when the relay is reachable.`
    } else if (s.state === 'online') {
      answer = `Nothing is waiting: everything recorded here has reached the relay.${s.lastSyncAt ? ` Last sync: ${s.lastSyncAt}.` : ''}`
    } else {
      answer = `Nothing recorded here is waiting, but the connection is ${s.state}${s.stoppedReason ? ` (${s.stoppedReason})` : ''}, so changes from other stores may not have arrived yet.`
    }
    return { answer, intent: 'sync-pending', figures, links, productIds: [] }
  }

  private holdsExpiring(withinMinutes: number): RuleAnswer {
    const now = this.ctx.nowMs()
    const limit = now + withinMinutes * 60_000
    const holds = this.ctx.fold
      .openHolds()
      .map((h) => ({ h, at: Date.parse(h.expiresAt) }))
      .filter((x) => Number.isFinite(x.at) && x.at <= limit)
      .sort((a, b) => a.at - b.at)
    const links: AssistantLink[] = [{ label: 'Reservations', screen: 'reservations' }]
    const window = minutesText(withinMinutes * 60_000)
    const total = this.ctx.fold.openHolds().length
    if (holds.length === 0) {
      return {
        answer: `No reservation expires in the next ${window} (${plural(total, 'open reservation')} in all).`,
        intent: 'holds-expiring',
        figures: [],
        links,
        productIds: [],
      }
    }
    const name = (id: string) => readProduct(this.ctx.doc, id)?.name ?? id
    const when = (at: number) =>
      at <= now
        ? `expired ${minutesText(now - at)} ago, not released yet`
        : `expires in ${minutesText(at - now)}`
    const shown = holds.slice(0, listMax)
    const list = shown
      .map(
        ({ h, at }) =>
          `• ${name(h.productId)} × ${h.qty}${h.customer?.name ? ` for ${h.customer.name}` : ''}: ${when(at)}`,
      )
      .join('\n')
    return {
      answer: `${plural(holds.length, 'reservation')} expire${holds.length === 1 ? 's' : ''} within ${window}:\n${list}${holds.length > shown.length ? `\n…and ${holds.length - shown.length} more.` : ''}`,
      intent: 'holds-expiring',
      // Figures carry no customer names: they may go to a configured language model.
      figures: shown.map(({ h, at }) => ({
        label: `${name(h.productId)} × ${h.qty}`,
        value: when(at),
        productId: h.productId,
        qty: h.qty,
      })),
      links,
      productIds: [...new Set(shown.map(({ h }) => h.productId))],
    }
  }
}

/** Edit distance with adjacent transpositions ("grene" → "green" is 1); stops early past 2. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        rows[i - 1]![j]! + 1,
        row[j - 1]! + 1,
        rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      row[j] = d
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}

/** A typed word names a word of a product: the same, its start (3+ letters), or a small typo. */
function wordsMatch(typed: string, nameWord: string): boolean {
  if (typed === nameWord) return true
  if (typed.length >= 3 && nameWord.startsWith(typed)) return true
  const singular = typed.replace(/(?<=.{3})s$/, '')
  if (singular === nameWord || nameWord.startsWith(singular)) return true
  return typed.length >= 4 && editDistance(typed, nameWord) <= (typed.length >= 7 ? 2 : 1)
}
