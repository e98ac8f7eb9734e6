import { parseDecimal } from '../../shared/api/money.ts'

// The assistant's offline intent parser. Pure: no I/O, no clock (today's local date is passed in),
// so every phrasing can be unit-tested. It recognises what is asked and pulls out the parameters
// (period, scope, price, time window) and the words left over, which the answerer resolves to
// products through the catalog search.

export type Scope = 'here' | 'chain'

/** Inclusive range of local dates (YYYY-MM-DD), as the ledger's `at` prefixes compare. */
export interface Period {
  from: string
  to: string
  label: string
}

export type Intent =
  | { kind: 'low-stock'; product: string }
  | { kind: 'stock-level'; product: string; scope: Scope }
  | { kind: 'where-available'; product: string }
  | {
      kind: 'price'
      product: string
      direction?: 'under' | 'over' | 'between'
      minMinor?: number
      maxMinor?: number
      badAmount?: string
    }
  | { kind: 'best-sellers'; period: Period; limit: number; scope: Scope }
  | { kind: 'sales-total'; period: Period; scope: Scope; product: string }
  | { kind: 'sync-pending' }
  | { kind: 'holds-expiring'; withinMinutes: number }
  | { kind: 'count-result' }
  /** The purchasing suggestions: what to order for this store, and from whom. */
  | { kind: 'what-to-order' }
  /** Margin of a period, of one product or of the chain's best. */
  | { kind: 'margin'; period: Period; product: string }
  | { kind: 'help' }
  | { kind: 'unknown'; product: string }

export interface ParseOptions {
  /** Today's local date, YYYY-MM-DD. */
  today: string
  /** Fraction digits of the organisation's currency (2 for EUR, 0 for JPY). */
  currencyDigits: number
}

const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
}
const countPattern = `(\\d{1,4}|${Object.keys(numberWords).join('|')})`

function toCount(text: string): number {
  return numberWords[text] ?? Number(text)
}

// ——— dates (pure arithmetic on local calendar dates) ———

function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  return [y ?? 1970, m ?? 1, d ?? 1]
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Monday of the week that holds `date` (ISO weeks). */
function mondayOf(date: string): string {
  const [y, m, d] = dateParts(date)
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
  return addDays(date, -weekday)
}

/** Reads a period out of the text (and removes it), or undefined when none is named. */
export function parsePeriod(text: string, today: string): { period: Period; rest: string } | undefined {
  const rules: Array<[RegExp, (m: RegExpExecArray) => Period]> = [
    [/\btoday\b|\bso far today\b/, () => ({ from: today, to: today, label: 'today' })],
    [/\byesterday\b/, () => ({ from: addDays(today, -1), to: addDays(today, -1), label: 'yesterday' })],
    [/\b(this|current|the) week\b/, () => ({ from: mondayOf(today), to: today, label: 'this week' })],
    [
      /\b(last|previous|past) week\b/,
      () => ({ from: addDays(mondayOf(today), -7), to: addDays(mondayOf(today), -1), label: 'last week' }),
    ],
    [
      /\b(this|current|the) month\b/,
      () => ({ from: `${today.slice(0, 8)}01`, to: today, label: 'this month' }),
    ],
    [
      /\b(last|previous|past) month\b/,
      () => {
        const lastOfPrev = addDays(`${today.slice(0, 8)}01`, -1)
        return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev, label: 'last month' }
      },
    ],
    [
      new RegExp(
        `\\b(?:in |over |during |for )?(?:the )?(?:last|past|previous)\\s+${countPattern}\\s+(days?|weeks?|months?)\\b`,
      ),
      (m) => {
        const n = Math.min(Math.max(toCount(m[1]!), 1), 3660)
        const unit = m[2]!.startsWith('week') ? 7 : m[2]!.startsWith('month') ? 30 : 1
        const days = Math.min(n * unit, 3660)
        return { from: addDays(today, -(days - 1)), to: today, label: `in the last ${days} days` }
      },
    ],
    [
      new RegExp(`\\b${countPattern}\\s+days?\\s+ago\\b`),
      (m) => {
        const day = addDays(today, -toCount(m[1]!))
        return { from: day, to: day, label: day }
      },
    ],
  ]
  for (const [re, make] of rules) {
    const m = re.exec(text)
    if (m) return { period: make(m), rest: text.replace(m[0], ' ') }
  }
  return undefined
}

// ——— money (exact: decimal text → integer minor units, never through a float) ———

const currencyWords = '€|\\$|£|¥|eur|euros?|usd|dollars?|gbp|pounds?|bucks|chf|francs?|sek|kr|yen|jpy'

/** An amount as typed ("4.99", "€5", "5 euros", "50 cents", "4,99") → minor units, or null if unreadable. */
export function parseAmount(raw: string, digits: number): number | null {
  const m = new RegExp(
    `^(?:${currencyWords})?\\s*(\\d{1,12}(?:[.,]\\d+)?)\\s*(cents?|ct|c|pence|p|${currencyWords})?$`,
  ).exec(raw.trim())
  if (!m) return null
  const number = m[1]!
  const unit = m[2] ?? ''
  if (/^(cents?|ct|c|pence|p)$/.test(unit)) return /^\d+$/.test(number) && digits > 0 ? Number(number) : null
  return parseDecimal(number, digits) ?? null
}

const amountPattern = `((?:${currencyWords})?\\s*\\d{1,12}(?:[.,]\\d+)?\\s*(?:cents?|ct|pence|${currencyWords})?)`
const underWords = 'under|below|less than|cheaper than|at most|up to|no more than|max(?:imum)?|<=?'
const overWords = 'over|above|more than|dearer than|pricier than|at least|min(?:imum)?|>=?'

interface PriceFilter {
  direction: 'under' | 'over' | 'between'
  minMinor?: number
  maxMinor?: number
  badAmount?: string
  rest: string
}

export function parsePriceFilter(text: string, digits: number): PriceFilter | undefined {
  const between = new RegExp(`\\bbetween\\s+${amountPattern}\\s+and\\s+${amountPattern}`).exec(text)
  if (between) {
    const a = parseAmount(between[1]!, digits)
    const b = parseAmount(between[2]!, digits)
    const rest = text.replace(between[0], ' ')
    if (a === null || b === null)
      return { direction: 'between', badAmount: a === null ? between[1]!.trim() : between[2]!.trim(), rest }
    return { direction: 'between', minMinor: Math.min(a, b), maxMinor: Math.max(a, b), rest }
  }
  for (const [words, direction] of [
    [underWords, 'under'],
    [overWords, 'over'],
  ] as const) {
    const m = new RegExp(`(?:^|\\s|\\b)(?:${words})\\s*${amountPattern}`).exec(text)
    if (!m) continue
    const amount = parseAmount(m[1]!, digits)
    const rest = text.replace(m[0], ' ')
    if (amount === null) return { direction, badAmount: m[1]!.trim(), rest }
    return direction === 'under'
      ? { direction, maxMinor: amount, rest }
      : { direction, minMinor: amount, rest }
  }
  return undefined
}

// ——— the words left for product lookup ———

const stopWords = new Set(
  `a an the of in on at for to from by with and or is are was were be been am do does did done we i you us our my me it its
  what whats which who where when how many much there here this that these those have has had got get gets getting left
  stock stocks stocked units unit items item products product pieces pcs any some all every each per store stores shop shops
  branch branches location locations till tills please tell show give list can could would should will still currently now
  right available availability quantity qty hand inventory count level levels carry carrying hold holds holding rights
  than less more under over below above cheap cheaper cheapest expensive pricey priciest price prices priced cost costs costing
  sell sells selling sold sale sales much money revenue turnover takings today yesterday week month days day
  other others else elsewhere somewhere anywhere chain chainwide wide whole total overall across everywhere company
  low reorder order ordering running run out need needs restock replenish short
  find look lookup check see know want about s last past next previous this current
  margin margins profit profits profitable markup earn earns earned gross`.split(/\s+/),
)

/** The words a product name could be made of, in their original case and order. */
export function productWords(text: string): string {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}\-_./]*/gu) ?? []
  return words
    .map((w) => w.replace(/[.]+$/, ''))
    .filter((w) => w && !stopWords.has(w.toLowerCase()))
    .join(' ')
}

// ——— intents ———

const chainScope =
  /\b(chain[- ]?wide|whole chain|the chain|all (?:the |our )?(?:stores|shops|branches|locations)|every (?:store|shop|branch)|each (?:store|shop|branch)|per (?:store|shop|branch)|by store|across|company[- ]?wide|everywhere|in total|overall|all together|altogether|other (?:stores|shops|branches))\b/

const windowPattern = new RegExp(
  `\\b(?:next|within|in|coming)\\s+(?:the\\s+)?(?:next\\s+)?${countPattern}\\s*(minutes?|mins?|hours?|hrs?|h|days?)\\b`,
)

function holdWindowMinutes(text: string): number {
  const m = windowPattern.exec(text)
  if (!m) return 24 * 60
  const n = toCount(m[1]!)
  const unit = m[2]!
  const minutes = unit.startsWith('m') ? n : unit.startsWith('d') ? n * 24 * 60 : n * 60
  return Math.min(Math.max(minutes, 1), 60 * 24 * 60)
}

/** English question → intent with its parameters. Tolerant: lower case, punctuation, contractions. */
export function parseQuestion(question: string, options: ParseOptions): Intent {
  const original = question.replace(/[’‘`]/g, "'").trim()
  const lower = original
    .toLowerCase()
    .replace(/'s\b/g, ' is')
    .replace(/n't\b/g, ' not')
    .replace(/[?!]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  // Product words come from the original text (keeps SKU case), minus what the parser consumed.
  const leftover = (consumed: string[]): string => {
    let text = original.replace(/[’‘`]/g, "'").replace(/'s\b/gi, '')
    for (const piece of consumed) {
      if (!piece.trim()) continue
      const at = text.toLowerCase().indexOf(piece.trim())
      if (at >= 0) text = text.slice(0, at) + ' ' + text.slice(at + piece.trim().length)
    }
    return productWords(text)
  }
  const scope: Scope = chainScope.test(lower) ? 'chain' : 'here'
  const consumedScope = chainScope.exec(lower)?.[0] ?? ''

  if (!lower || /^(help|\?|what can you (do|answer)|what can i ask( you)?|hi|hello)\b/.test(lower))
    return { kind: 'help' }

  if (
    /\b(sync\w*|unsynced|upload\w*|relay|not (yet )?(been )?sent|waiting to (be )?(sent|sync\w*|upload\w*)|pending (events|changes|sales)|queued?)\b/.test(
      lower,
    )
  ) {
    return { kind: 'sync-pending' }
  }

  if (
    /\breserv\w*|\bon hold\b|\bholds? (that |which )?(are |is )?(about|expir|ending|running|due|soon)|\bexpir\w*/.test(
      lower,
    ) &&
    !/\bwhich (store|shop)/.test(lower)
  ) {
    return { kind: 'holds-expiring', withinMinutes: holdWindowMinutes(lower) }
  }

  if (
    /\b(stock ?takes?|stock ?counts?|(last|latest|recent) (stock )?counts?|counts? (found|results?)|(did|has) (the |our )?(last |latest )?counts? (find|show)|variances?|shrinkage)\b/.test(
      lower,
    )
  )
    return { kind: 'count-result' }

  if (
    /\b(what|which)( products?| items?)?( (should|do|must|shall) (we|i)( need to)?| to| needs? to be) (re-?)?order\b|\b(re-?)?order suggestions?\b|\bsuggest(ed)? (an )?orders?\b|\bpurchase suggestions?\b/.test(
      lower,
    )
  )
    return { kind: 'what-to-order' }

  const period = parsePeriod(lower, options.today)

  if (/\b(margins?|gross profit|profits?|profitable|mark-?ups?|earns)\b|\bwhat does .+ earn\b/.test(lower)) {
    const periodMatch = period ? periodMatchText(lower, options.today) : ''
    return {
      kind: 'margin',
      period: period?.period ?? {
        from: addDays(options.today, -29),
        to: options.today,
        label: 'in the last 30 days',
      },
      product: leftover([periodMatch, consumedScope]),
    }
  }

  const best =
    /\b(best[- ]?sell\w*|top[- ]?sell\w*|sell(s|ing)? (the )?(most|best)|sold (the )?most|most (sold|popular|sales)|popular|top \d+|top (products|items|sellers)|fast(est)?[- ]moving|biggest sellers)\b/.exec(
      lower,
    )
  if (best) {
    const top = /\btop (\d{1,3})\b/.exec(lower)
    return {
      kind: 'best-sellers',
      period: period?.period ?? {
        from: addDays(options.today, -6),
        to: options.today,
        label: 'in the last 7 days',
      },
      limit: top ? Math.min(Math.max(Number(top[1]), 1), 50) : 5,
      scope,
    }
  }

  const sales =
    /\b(sales|sold|revenue|turnover|takings|earn(ed|ings)?|income|(did|have) we (sell|make|take)|how much (did|have) we (sell|make|take)|money (did )?we made)\b/.exec(
      lower,
    )
  if (sales) {
    const periodMatch = period ? periodMatchText(lower, options.today) : ''
    return {
      kind: 'sales-total',
      period: period?.period ?? { from: options.today, to: options.today, label: 'today' },
      scope,
      product: leftover([periodMatch, consumedScope]),
    }
  }

  if (
    /\b(where|(which|what) (other )?(stores?|shops?|branch(es)?|locations?|tills?)|who (has|holds|have|is holding)|other (stores?|shops?|branch(es)?)|available (at|in|elsewhere)|elsewhere|get (it|some|more|them)?\s*(from|at|elsewhere))\b/.test(
      lower,
    ) &&
    !/\b(per|each|every|by) (store|shop|branch)\b/.test(lower)
  ) {
    return { kind: 'where-available', product: leftover([]) }
  }

  if (
    /\b(low|reorder\w*|re-order\w*|running (low|out)|run(ning)? out|out of stock|sold out|order more|need to order|to order|restock\w*|replenish\w*|short on|shortage|below (the )?reorder)\b/.test(
      lower,
    )
  ) {
    return { kind: 'low-stock', product: leftover([]) }
  }

  const price = parsePriceFilter(lower, options.currencyDigits)
  const priceWords =
    /\b(cheap\w*|expensive|pricey|priciest|dear|costs?|costing|priced?|prices?|how much (is|are|does|do))\b/.test(
      lower,
    )
  if (price || priceWords) {
    const intent: Intent = { kind: 'price', product: '' }
    if (price) {
      intent.direction = price.direction
      if (price.minMinor !== undefined) intent.minMinor = price.minMinor
      if (price.maxMinor !== undefined) intent.maxMinor = price.maxMinor
      if (price.badAmount !== undefined) intent.badAmount = price.badAmount
      intent.product = productWords(price.rest)
    } else {
      if (/\b(cheap\w*|inexpensive)\b/.test(lower)) intent.direction = 'under'
      else if (/\b(expensive|pricey|priciest|dear)\b/.test(lower)) intent.direction = 'over'
      intent.product = leftover([])
    }
    return intent
  }

  const product = leftover([consumedScope])
  if (
    /\b(stock|how many|in stock|left|have|got|units?|quantity|qty|on hand|inventory|count|available|any)\b/.test(
      lower,
    )
  ) {
    return { kind: 'stock-level', product, scope }
  }
  return product ? { kind: 'unknown', product } : { kind: 'unknown', product: '' }
}

function periodMatchText(lower: string, today: string): string {
  const found = parsePeriod(lower, today)
  if (!found) return ''
  // The removed span is what differs between the text and its rest.
  let i = 0
  while (i < lower.length && lower[i] === found.rest[i]) i++
  let j = 0
  while (j < lower.length - i && lower[lower.length - 1 - j] === found.rest[found.rest.length - 1 - j]) j++
  return lower.slice(i, lower.length - j)
}
