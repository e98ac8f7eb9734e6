import type { Statement } from 'better-sqlite3'
import type { Database } from '../../shared/node/sqlite.ts'

export interface IndexedProduct {
  sku: string
  name: string
  barcode: string
  archived: boolean
  category: string
}

/** Turns what a cashier typed into a safe FTS5 query: every word must match as a prefix. */
export function ftsQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)
  if (!words || words.length === 0) return undefined
  return words
    .slice(0, 8)
    .map((w) => `"${w}"*`)
    .join(' ')
}

/**
 * SQLite mirror of the catalog (the Y.Doc stays the source of truth): ordered listing for the
 * virtualized table and FTS5 search over SKU, name and barcode. Written in the same SQLite
 * transaction as the document update that changed the product.
 */
export class CatalogIndex {
  private readonly db: Database
  private readonly upsertRow: Statement
  private readonly deleteSearch: Statement<[number]>
  private readonly insertSearch: Statement<[number, string, string, string, string]>
  private readonly exact: Statement<[{ text: string; archived: number }]>
  private readonly fts: Statement<[string, number, number]>
  private readonly page: Statement<[number, number, number]>
  private readonly total: Statement<[number]>
  private readonly pageIn: Statement<[number, string, number, number]>
  private readonly totalIn: Statement<[number, string]>
  private readonly inCategory: Statement<[string, string]>
  private readonly categoryCounts: Statement<[]>
  private readonly bySku: Statement<[string]>
  private readonly byBarcode: Statement<[string]>

  constructor(db: Database) {
    this.db = db
    this.upsertRow = db.prepare(
      `INSERT INTO catalog (id, sku, name, barcode, archived, category, body)
       VALUES (@id, @sku, @name, @barcode, @archived, @category, @body)
       ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name, barcode = excluded.barcode,
         archived = excluded.archived, category = excluded.category, body = excluded.body
       RETURNING rowid`,
    )
    // The search row shares the catalog row's rowid, so replacing it is a keyed delete, not a scan.
    this.deleteSearch = db.prepare('DELETE FROM catalog_search WHERE rowid = ?')
    this.insertSearch = db.prepare(
      'INSERT INTO catalog_search (rowid, id, sku, name, barcode) VALUES (?, ?, ?, ?, ?)',
    )
    this.exact = db.prepare(
      `SELECT id FROM catalog WHERE barcode = @text AND archived <= @archived
       UNION ALL SELECT id FROM catalog WHERE sku = @text AND archived <= @archived LIMIT 5`,
    )
    this.fts = db.prepare(
      // No ORDER BY rank: a short prefix can match every product, and ranking them all would cost
      // O(catalog) per keystroke. Matches come in insertion order; callers sort the short list.
      `SELECT s.id FROM catalog_search s JOIN catalog c ON c.id = s.id
       WHERE catalog_search MATCH ? AND c.archived <= ? LIMIT ?`,
    )
    this.page = db.prepare(
      'SELECT id FROM catalog WHERE archived <= ? ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?',
    )
    this.total = db.prepare('SELECT COUNT(*) AS n FROM catalog WHERE archived <= ?')
    this.pageIn = db.prepare(
      'SELECT id FROM catalog WHERE archived <= ? AND category = ? ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?',
    )
    this.totalIn = db.prepare('SELECT COUNT(*) AS n FROM catalog WHERE archived <= ? AND category = ?')
    this.inCategory = db.prepare('SELECT 1 FROM catalog WHERE id = ? AND category = ?')
    this.categoryCounts = db.prepare(
      `SELECT category AS name, COUNT(*) AS products FROM catalog WHERE archived = 0 AND category <> ''
       GROUP BY category ORDER BY category COLLATE NOCASE`,
    )
    this.bySku = db.prepare('SELECT id FROM catalog WHERE sku = ? ORDER BY archived, id LIMIT 1')
    this.byBarcode = db.prepare(
      "SELECT id FROM catalog WHERE barcode = ? AND barcode <> '' ORDER BY archived, id LIMIT 1",
    )
  }

  upsert(id: string, product: IndexedProduct): void {
    const { rowid } = this.upsertRow.get({
      id,
      sku: product.sku,
      name: product.name,
      barcode: product.barcode,
      archived: product.archived ? 1 : 0,
      category: product.category,
      body: JSON.stringify(product),
    }) as { rowid: number }
    this.deleteSearch.run(rowid)
    this.insertSearch.run(rowid, id, product.sku, product.name, product.barcode)
  }

  count(): number {
    return (this.total.get(1) as { n: number }).n
  }

  /** Exact barcode or SKU first (a scanner), then prefix matches ranked by FTS5. */
  search(text: string, limit: number, includeArchived: boolean, category?: string): string[] {
    const archived = includeArchived ? 1 : 0
    const trimmed = text.trim()
    const ids = new Set<string>()
    const wanted = (id: string) => category === undefined || this.inCategory.get(id, category) !== undefined
    if (trimmed)
      for (const row of this.exact.all({ text: trimmed, archived }) as { id: string }[])
        if (wanted(row.id)) ids.add(row.id)
    const query = ftsQuery(trimmed)
    // within a category, read further: the first matches may be in other categories
    const read = category === undefined ? limit : limit * 20
    if (query && ids.size < limit) {
      for (const row of this.fts.all(query, archived, read) as { id: string }[]) {
        if (wanted(row.id)) ids.add(row.id)
        if (ids.size >= limit) break
      }
    }
    return [...ids]
  }

  list(
    offset: number,
    limit: number,
    includeArchived: boolean,
    category?: string,
  ): { ids: string[]; total: number } {
    const archived = includeArchived ? 1 : 0
    if (category !== undefined) {
      const ids = (this.pageIn.all(archived, category, limit, offset) as { id: string }[]).map((r) => r.id)
      return { ids, total: (this.totalIn.get(archived, category) as { n: number }).n }
    }
    const ids = (this.page.all(archived, limit, offset) as { id: string }[]).map((r) => r.id)
    return { ids, total: (this.total.get(archived) as { n: number }).n }
  }

  /** The categories of active products, with their counts. */
  categories(): Array<{ name: string; products: number }> {
    return this.categoryCounts.all() as Array<{ name: string; products: number }>
  }

  findBySku(sku: string): string | undefined {
    return (this.bySku.get(sku) as { id: string } | undefined)?.id
  }

  findByBarcode(barcode: string): string | undefined {
    return (this.byBarcode.get(barcode) as { id: string } | undefined)?.id
  }

  /** Rebuilds the whole mirror (first open after an upgrade, or a restored database). */
  rebuild(entries: Iterable<[string, IndexedProduct]>): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM catalog; DELETE FROM catalog_search;')
      for (const [id, product] of entries) this.upsert(id, product)
    })()
  }
}
