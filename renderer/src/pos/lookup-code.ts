import type { StoreApiClient } from '../../../shared/api/client.ts'
import { ApiError } from '../../../shared/api/errors.ts'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { labelledQty, parseScaleLabel } from '../../../shared/api/weight.ts'

/** What a scan or a typed code turned into. */
export type LookupResult =
  | { kind: 'found'; product: ProductWithStock; qty: number; label?: string }
  /** Found, but not sellable as scanned (a label that is not its own, no weight given): why. */
  | { kind: 'refused'; product: ProductWithStock; message: string }
  | { kind: 'archived'; product: ProductWithStock }
  | { kind: 'none'; code: string }
  /** A scale label whose check digit does not match: a digit was misread. */
  | { kind: 'misread'; code: string }

/**
 * "3*4006381333931" sells three of that barcode (grams of a product sold by weight: "250*CHEESE");
 * a plain code sells one.
 */
export function parseScan(text: string): { code: string; qty: number; counted: boolean } {
  const match = /^(\d{1,5})\s*[*xX]\s*(\S.*)$/.exec(text.trim())
  if (match && Number(match[1]) > 0) return { code: match[2]!.trim(), qty: Number(match[1]), counted: true }
  return { code: text.trim(), qty: 1, counted: false }
}

async function getOrUndefined(
  api: StoreApiClient,
  input: { barcode: string } | { sku: string },
): Promise<ProductWithStock | undefined> {
  try {
    return await api['catalog.get'](input)
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION'))
      return undefined
    throw error
  }
}

/**
 * Resolves a scanned or typed code: barcode first (what scanners send), then SKU, then a search
 * that matches exactly one product. Network and store errors propagate.
 */
export async function lookupCode(api: StoreApiClient, text: string): Promise<LookupResult> {
  const { code, qty, counted } = parseScan(text)
  const label = parseScaleLabel(code)
  if (label) return lookupLabel(api, code, label.itemBarcode)
  if (/^2[1-5]\d{11}$/.test(code)) return { kind: 'misread', code }
  const product =
    (await getOrUndefined(api, { barcode: code })) ??
    (await getOrUndefined(api, { sku: code })) ??
    (await api['catalog.search']({ query: code, limit: 2 }).then((r) =>
      r.items.length === 1 ? r.items[0] : undefined,
    ))
  if (!product) return { kind: 'none', code }
  if (product.archived) return { kind: 'archived', product }
  if (product.byWeight && !counted) return { kind: 'refused', product, message: weighFirst(product) }
  return { kind: 'found', product, qty }
}

/** What to do with a product sold by weight that came without a weight. */
export function weighFirst(product: ProductWithStock): string {
  return `${product.name} is sold by weight: scan the label from the scale, or type the grams and the code, as 250*${product.sku}.`
}

/** A scale label: the product its item code names, and what the label sells of it. */
async function lookupLabel(api: StoreApiClient, code: string, itemBarcode: string): Promise<LookupResult> {
  const product = await getOrUndefined(api, { barcode: itemBarcode })
  if (!product) return { kind: 'none', code }
  if (product.archived) return { kind: 'archived', product }
  const q = labelledQty(product, code)
  if (typeof q === 'string') return { kind: 'refused', product, message: q }
  return { kind: 'found', product, qty: q.qty, label: code }
}
