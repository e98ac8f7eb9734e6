import type { StoreApiClient } from '../../../shared/api/client.ts'
import { ApiError } from '../../../shared/api/errors.ts'
import type { ProductWithStock } from '../../../shared/api/views.ts'

/** What a scan or a typed code turned into. */
export type LookupResult =
  | { kind: 'found'; product: ProductWithStock; qty: number }
  | { kind: 'archived'; product: ProductWithStock }
  | { kind: 'none'; code: string }

/** "3*4006381333931" sells three of that barcode; a plain code sells one. */
export function parseScan(text: string): { code: string; qty: number } {
  const match = /^(\d{1,4})\s*[*xX]\s*(\S.*)$/.exec(text.trim())
  if (match && Number(match[1]) > 0) return { code: match[2]!.trim(), qty: Number(match[1]) }
  return { code: text.trim(), qty: 1 }
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
  const { code, qty } = parseScan(text)
  const product =
    (await getOrUndefined(api, { barcode: code })) ??
    (await getOrUndefined(api, { sku: code })) ??
    (await api['catalog.search']({ query: code, limit: 2 }).then((r) =>
      r.items.length === 1 ? r.items[0] : undefined,
    ))
  if (!product) return { kind: 'none', code }
  if (product.archived) return { kind: 'archived', product }
  return { kind: 'found', product, qty }
}
