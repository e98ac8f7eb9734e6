import type { Database } from '../../shared/node/sqlite.ts'

// The store's own tables (the Y.Doc update log is created by YUpdateLog). Versioned with
// PRAGMA user_version; each step runs once, in order, inside a transaction.
export const migrations: string[] = [
  `
  CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- Every event this store has seen, its own and other stores', kept beyond the document's retention.
  CREATE TABLE ledger (
    replica_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (replica_id, seq, id)
  ) WITHOUT ROWID;
  CREATE INDEX ledger_by_id ON ledger (id);
  CREATE INDEX ledger_by_type_at ON ledger (type, at);

  -- One row per product movement or sale line, for reports and the movements ledger.
  CREATE TABLE ledger_lines (
    event_id TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
    at TEXT NOT NULL, by TEXT NOT NULL, product_id TEXT NOT NULL,
    delta INTEGER NOT NULL, amount_minor INTEGER NOT NULL, reason TEXT NOT NULL,
    UNIQUE (event_id, replica_id, seq, product_id, type)
  );
  CREATE INDEX ledger_lines_by_product ON ledger_lines (product_id, at);
  CREATE INDEX ledger_lines_by_type_at ON ledger_lines (type, at);

  -- Client key -> the result the API returned, so a retried call never acts twice.
  CREATE TABLE idempotency (key TEXT PRIMARY KEY, method TEXT NOT NULL, result TEXT NOT NULL, at TEXT NOT NULL);

  -- A mirror of the catalog for listing and full-text search (the document stays the source).
  CREATE TABLE catalog (
    id TEXT PRIMARY KEY, sku TEXT NOT NULL, name TEXT NOT NULL, barcode TEXT NOT NULL,
    archived INTEGER NOT NULL, body TEXT NOT NULL
  );
  CREATE INDEX catalog_by_name ON catalog (archived, name COLLATE NOCASE, id);
  CREATE INDEX catalog_by_sku ON catalog (sku);
  CREATE INDEX catalog_by_barcode ON catalog (barcode);
  CREATE VIRTUAL TABLE catalog_search USING fts5(
    id UNINDEXED, sku, name, barcode, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
  );
  `,
  // Each b-tree a sale touches is one more page that its commit writes to the WAL and fsyncs. The
  // movement lines are now stored in the order reports read them (type, time), with no rowid
  // table and no separate unique index (a line is written only when its event's ledger row is
  // new, so the event row already de-duplicates them).
  `
  CREATE TABLE ledger_lines_v2 (
    type TEXT NOT NULL, at TEXT NOT NULL, event_id TEXT NOT NULL, line INTEGER NOT NULL,
    replica_id TEXT NOT NULL, seq INTEGER NOT NULL, by TEXT NOT NULL, product_id TEXT NOT NULL,
    delta INTEGER NOT NULL, amount_minor INTEGER NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (type, at, event_id, line)
  ) WITHOUT ROWID;
  INSERT INTO ledger_lines_v2
    SELECT type, at, event_id, rowid, replica_id, seq, by, product_id, delta, amount_minor, reason FROM ledger_lines;
  DROP TABLE ledger_lines;
  ALTER TABLE ledger_lines_v2 RENAME TO ledger_lines;
  CREATE INDEX ledger_lines_by_product ON ledger_lines (product_id, at);
  `,
  // A sale's commit now writes five b-tree pages: its update, its ledger row (a rowid table in
  // arrival order, `pos`) and the unique key that de-duplicates events, its idempotency record and
  // that record's key. The ledger's read indexes (by id, by type and time, the movement lines) are
  // kept after the commit, in batches, up to `ledger_index_cursor`; every read catches them up
  // first (store-node/db/ledger-index.ts).
  `
  CREATE TABLE ledger_v3 (
    pos INTEGER PRIMARY KEY,
    replica_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL, body TEXT NOT NULL,
    UNIQUE (replica_id, seq, id)
  );
  INSERT INTO ledger_v3 (replica_id, seq, id, type, at, by, body)
    SELECT replica_id, seq, id, type, at, by, body FROM ledger ORDER BY at, replica_id, seq;
  DROP TABLE ledger;
  ALTER TABLE ledger_v3 RENAME TO ledger;

  CREATE TABLE ledger_by_id (id TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (id, pos)) WITHOUT ROWID;
  CREATE TABLE ledger_by_type_at (
    type TEXT NOT NULL, at TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (type, at, pos)
  ) WITHOUT ROWID;
  INSERT INTO ledger_by_id SELECT id, pos FROM ledger;
  INSERT INTO ledger_by_type_at SELECT type, at, pos FROM ledger;
  -- The lines of every existing row are already in ledger_lines.
  CREATE TABLE ledger_index_cursor (one INTEGER PRIMARY KEY CHECK (one = 1), pos INTEGER NOT NULL);
  INSERT INTO ledger_index_cursor VALUES (1, (SELECT COALESCE(MAX(pos), 0) FROM ledger));

  `,
  // An idempotency key is bound to a hash of its request (method + canonical params): the same key
  // with another basket is a conflict, not the first sale. Older rows (NULL) match any request.
  `
  ALTER TABLE idempotency ADD COLUMN request_hash TEXT;
  `,
  // A customer's purchases: only sales attached to a customer record are in this index, so a sale
  // without one writes no extra page.
  `
  CREATE INDEX ledger_sales_by_customer ON ledger (body ->> '$.customer.customerId', pos)
    WHERE type = 'sale' AND body ->> '$.customer.customerId' IS NOT NULL;
  `,
  // The lines of one stock count (a count of a whole store has thousands).
  `
  CREATE INDEX ledger_count_lines ON ledger (body ->> '$.countId', pos) WHERE type = 'count-line';
  `,
  // Product categories in the catalog mirror (emptied so the first open rebuilds it from the
  // document, and fills in the categories of the movement lines), and on each movement line: the
  // product's category when the line was recorded here, so reports group by it without a join.
  `
  ALTER TABLE catalog ADD COLUMN category TEXT NOT NULL DEFAULT '';
  ALTER TABLE ledger_lines ADD COLUMN category TEXT NOT NULL DEFAULT '';
  CREATE INDEX catalog_by_category ON catalog (archived, category, name COLLATE NOCASE, id);
  DELETE FROM catalog;
  DELETE FROM catalog_search;
  `,
  // Sales and money added up per store-local day (reports over a year read days, not sales): one
  // row per day, till and product, one per day and category, and one per day and till with its
  // money figures; each sale's
  // cost at the store's average cost when it was added up; and what each store received with a
  // cost (the average cost's parts). The index cursor starts over so the next read adds up every
  // event already here (the other derived rows are written with INSERT OR IGNORE and stay).
  `
  CREATE TABLE report_sales (
    day TEXT NOT NULL, replica_id TEXT NOT NULL, product_id TEXT NOT NULL, category TEXT NOT NULL,
    qty INTEGER NOT NULL, sales INTEGER NOT NULL, revenue_minor INTEGER NOT NULL, net_minor INTEGER NOT NULL,
    cost_minor INTEGER NOT NULL,
    PRIMARY KEY (day, replica_id, product_id)
  ) WITHOUT ROWID;
  CREATE TABLE report_money (
    day TEXT NOT NULL, replica_id TEXT NOT NULL,
    sales INTEGER NOT NULL, qty INTEGER NOT NULL, revenue_minor INTEGER NOT NULL,
    net_minor INTEGER NOT NULL, cost_minor INTEGER NOT NULL, figures TEXT NOT NULL,
    PRIMARY KEY (day, replica_id)
  ) WITHOUT ROWID;
  CREATE TABLE report_costs (
    store_id TEXT NOT NULL, product_id TEXT NOT NULL, qty INTEGER NOT NULL, total_cost_minor INTEGER NOT NULL,
    PRIMARY KEY (store_id, product_id)
  ) WITHOUT ROWID;
  CREATE INDEX report_costs_by_product ON report_costs (product_id);
  -- a report by product over most of the days read in product order, without sorting
  CREATE INDEX report_sales_by_product
    ON report_sales (product_id, day, qty, sales, revenue_minor, net_minor, cost_minor);
  -- and one category's rows (a report filtered by category reads only those)
  CREATE INDEX report_sales_by_category
    ON report_sales (category, day, product_id, replica_id, qty, sales, revenue_minor);
  CREATE TABLE report_categories (
    day TEXT NOT NULL, category TEXT NOT NULL,
    qty INTEGER NOT NULL, sales INTEGER NOT NULL, revenue_minor INTEGER NOT NULL,
    PRIMARY KEY (day, category)
  ) WITHOUT ROWID;
  UPDATE ledger_index_cursor SET pos = 0;
  `,
]

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
