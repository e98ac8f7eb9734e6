import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import {
  listProductIds,
  readMeta,
  readProduct,
  readSupplier,
  writeProduct,
  type Product,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { barcode, category } from '../../shared/api/methods/fields.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { productView, requireProduct, withStock } from '../api/views.ts'
import { formatDecimal, minorDigits, parseDecimal } from '../../shared/api/money.ts'
import { neutraliseCsvCell, restoreCsvCell } from '../../shared/api/csv-cell.ts'
import { sharedRecords } from '../api/shared-records.ts'

const csvColumns = [
  'sku',
  'name',
  'barcode',
  'price',
  'taxRate',
  'unit',
  'reorderPoint',
  'policy',
  'archived',
  'category',
] as const
const importBatch = 500

/** One CSV line, validated completely before anything is written. */
function csvRowSchema(digits: number) {
  const decimal = (what: string, d: number) =>
    z.string().transform((text, issue) => {
      const value = parseDecimal(text, d)
      if (value === undefined) {
        issue.addIssue({
          code: 'custom',
          message: `${what} must be a number with at most ${d} decimals, got "${text}"`,
        })
        return z.NEVER
      }
      return value
    })
  return z.object({
    sku: z.string().trim().min(1, 'sku is required').max(64),
    name: z.string().trim().min(1, 'name is required').max(200),
    barcode: barcode.default(''),
    price: decimal('price', digits),
    taxRate: z.string().trim().default('0').pipe(decimal('taxRate (percent)', 2)),
    unit: z
      .string()
      .trim()
      .max(20)
      .default('pcs')
      .transform((u) => u || 'pcs'),
    reorderPoint: z
      .string()
      .trim()
      .default('0')
      .pipe(
        z
          .string()
          .regex(/^\d{0,9}$/, 'reorderPoint must be a whole number')
          .transform((n) => Number(n || '0')),
      ),
    policy: z
      .string()
      .trim()
      .default('pool')
      .transform((p) => p || 'pool')
      .pipe(z.enum(['pool', 'local'])),
    archived: z
      .string()
      .trim()
      .default('')
      .transform((a) => ['1', 'true', 'yes'].includes(a.toLowerCase())),
    category: category.default(''),
  })
}

export function catalogHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'catalog.search'
  | 'catalog.list'
  | 'catalog.get'
  | 'catalog.upsert'
  | 'catalog.archive'
  | 'catalog.importCsv'
  | 'catalog.exportCsv'
  | 'catalog.categories'
> {
  const withStockById = (id: string): V.ProductWithStock | undefined => {
    const p = readProduct(ctx.doc, id)
    return p ? withStock(ctx, id, p) : undefined
  }
  const digits = () => minorDigits(readMeta(ctx.doc).currency ?? 'EUR')

  const skuTaken = (sku: string, exceptId?: string): boolean => {
    const existing = ctx.store.catalog.findBySku(sku)
    return existing !== undefined && existing !== exceptId
  }
  /** The product that already has this barcode (a second one could never be scanned). */
  const barcodeOwner = (code: string, exceptId?: string): string | undefined => {
    if (code === '') return undefined
    const existing = ctx.store.catalog.findByBarcode(code)
    return existing !== undefined && existing !== exceptId ? existing : undefined
  }

  const products = sharedRecords(ctx, (id) => requireProduct(ctx, id), writeProduct, productView)

  return {
    'catalog.search': (input) => ({
      items: ctx.store.catalog
        .search(input.query, input.limit, input.includeArchived, input.category)
        .map(withStockById)
        .filter((p): p is V.ProductWithStock => !!p),
    }),

    'catalog.list': (input) => {
      const { ids, total } = ctx.store.catalog.list(
        input.offset,
        input.limit,
        input.includeArchived,
        input.category,
      )
      return { items: ids.map(withStockById).filter((p): p is V.ProductWithStock => !!p), total }
    },

    'catalog.get': (input) => {
      const id =
        'id' in input
          ? input.id
          : 'sku' in input
            ? ctx.store.catalog.findBySku(input.sku)
            : ctx.store.catalog.findByBarcode(input.barcode)
      const product = id ? withStockById(id) : undefined
      if (!product) throw new ApiError('NOT_FOUND', 'No such product', input)
      return product
    },

    'catalog.upsert': (input) => {
      const id = input.id ?? ctx.newId()
      if (input.id) requireProduct(ctx, input.id)
      if (skuTaken(input.sku, id))
        throw new ApiError('CONFLICT', `SKU ${input.sku} is already used by another product`, {
          sku: input.sku,
        })
      const owner = barcodeOwner(input.barcode, id)
      if (owner)
        throw new ApiError(
          'CONFLICT',
          `Barcode ${input.barcode} already belongs to ${readProduct(ctx.doc, owner)?.name ?? 'another product'}`,
          { barcode: input.barcode, productId: owner },
        )
      const fields: Product = {
        sku: input.sku,
        name: input.name,
        barcode: input.barcode,
        priceMinor: input.priceMinor,
        taxRate: input.taxRateBp,
        unit: input.unit,
        reorderPoint: input.reorderPoint,
        policy: input.policy,
        archived: readProduct(ctx.doc, id)?.archived ?? false,
        category: input.category ?? readProduct(ctx.doc, id)?.category ?? '',
        // what an edit leaves out stays as it is
        supplierId: input.supplierId ?? readProduct(ctx.doc, id)?.supplierId ?? '',
        supplierSku: input.supplierSku ?? readProduct(ctx.doc, id)?.supplierSku ?? '',
        costMinor: input.costMinor ?? readProduct(ctx.doc, id)?.costMinor ?? 0,
        byWeight: input.byWeight ?? readProduct(ctx.doc, id)?.byWeight ?? false,
      }
      if (fields.supplierId !== '' && !readSupplier(ctx.doc, fields.supplierId))
        throw new ApiError('NOT_FOUND', `No supplier ${fields.supplierId}`, { supplierId: fields.supplierId })
      return products.save(id, fields)
    },

    'catalog.archive': (input) => products.archive(input),

    'catalog.importCsv': async (input) => {
      const schema = csvRowSchema(digits())
      const report: V.ImportReport = { imported: 0, updated: 0, errors: [] }
      // the CSV carries no supplier fields: an import leaves them as they are
      let batch: Array<{
        line: number
        product: Omit<Product, 'supplierId' | 'supplierSku' | 'costMinor' | 'byWeight'>
      }> = []
      let processed = 0
      const seenSkus = new Map<string, number>()
      const seenBarcodes = new Map<string, number>()

      const flush = () => {
        if (batch.length === 0) return
        const rows = batch
        batch = []
        ctx.store.durable(() =>
          ctx.doc.transact(() => {
            for (const { product } of rows) {
              const existing = ctx.store.catalog.findBySku(product.sku)
              writeProduct(ctx.doc, existing ?? ctx.newId(), product)
              if (existing) report.updated++
              else report.imported++
            }
          }),
        )
        ctx.emit('catalog.importProgress', {
          processed,
          imported: report.imported,
          updated: report.updated,
          errors: report.errors.length,
        })
      }

      const parser = Readable.from([input.csv]).pipe(
        parse({
          columns: (header: string[]) => header.map((h) => h.trim()),
          skip_empty_lines: true,
          relax_column_count: true,
          bom: true,
          trim: false,
          info: true,
        }),
      )
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: Record<string, string>
          info: { lines: number }
        }>) {
          processed++
          const line = info.lines
          const parsed = schema.safeParse(
            Object.fromEntries(Object.entries(record).map(([k, v]) => [k, restoreCsvCell(v)])),
          )
          if (!parsed.success) {
            report.errors.push({ line, message: parsed.error.issues.map((i) => i.message).join('; ') })
            continue
          }
          const row = parsed.data
          const firstLine = seenSkus.get(row.sku)
          if (firstLine !== undefined) {
            report.errors.push({ line, message: `duplicate sku ${row.sku} (first on line ${firstLine})` })
            continue
          }
          if (row.barcode !== '') {
            const sameInFile = seenBarcodes.get(row.barcode)
            const owner = barcodeOwner(row.barcode, ctx.store.catalog.findBySku(row.sku))
            if (sameInFile !== undefined || owner) {
              report.errors.push({
                line,
                message:
                  sameInFile !== undefined
                    ? `duplicate barcode ${row.barcode} (first on line ${sameInFile})`
                    : `barcode ${row.barcode} already belongs to ${readProduct(ctx.doc, owner!)?.name ?? 'another product'}`,
              })
              continue
            }
            seenBarcodes.set(row.barcode, line)
          }
          seenSkus.set(row.sku, line)
          batch.push({
            line,
            product: {
              sku: row.sku,
              name: row.name,
              barcode: row.barcode,
              priceMinor: row.price,
              taxRate: row.taxRate,
              unit: row.unit,
              reorderPoint: row.reorderPoint,
              policy: row.policy,
              archived: row.archived,
              category: row.category,
            },
          })
          if (batch.length >= importBatch) flush()
        }
      } catch (error) {
        flush()
        throw new ApiError(
          'VALIDATION',
          `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`,
          report,
        )
      }
      flush()
      if (processed === 0)
        throw new ApiError(
          'VALIDATION',
          `The CSV has no rows; expected a header line with ${csvColumns.join(', ')}`,
        )
      ctx.emit('catalog.importProgress', {
        processed,
        imported: report.imported,
        updated: report.updated,
        errors: report.errors.length,
      })
      return report
    },

    'catalog.categories': () => ({ categories: ctx.store.catalog.categories() }),

    'catalog.exportCsv': () => {
      const d = digits()
      const rows = listProductIds(ctx.doc)
        .map((id) => readProduct(ctx.doc, id))
        .filter((p): p is Product => !!p)
        .map((p) => [
          p.sku,
          p.name,
          p.barcode,
          formatDecimal(p.priceMinor, d),
          formatDecimal(p.taxRate, 2),
          p.unit,
          p.reorderPoint,
          p.policy,
          p.archived ? 'true' : '',
          p.category,
        ])
      const cells = rows.map((row) => row.map(neutraliseCsvCell))
      return { csv: stringify([[...csvColumns], ...cells]), count: rows.length }
    },
  }
}
