// Bench-only baseline: the classic central inventory server. HTTP + SQLite (WAL, synchronous=FULL,
// the same durability as a store node), one round trip per sale:
//   POST /sell {"productId","qty","saleId"} → UPDATE stock SET qty = qty - n WHERE id = ? AND qty >= n
// plus the sale row, in one transaction. 200 {"ok":true} or 409 {"ok":false} (out of stock).
//   node tools/bench/support/central-server.ts --data FILE --products N --qty Q
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { openDatabase } from '../../../shared/node/sqlite.ts'

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    products: { type: 'string', default: '100' },
    qty: { type: 'string', default: '1000000' },
  },
})
if (!values.data) throw new Error('--data is required')
const db = openDatabase(values.data)
db.exec('CREATE TABLE IF NOT EXISTS stock (id TEXT PRIMARY KEY, qty INTEGER NOT NULL)')
db.exec(
  'CREATE TABLE IF NOT EXISTS sales (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, qty INTEGER NOT NULL, at TEXT NOT NULL)',
)
const seed = db.prepare('INSERT OR REPLACE INTO stock (id, qty) VALUES (?, ?)')
db.transaction(() => {
  for (let i = 0; i < Number(values.products); i++) seed.run(`p-${i}`, Number(values.qty))
})()
const take = db.prepare('UPDATE stock SET qty = qty - ? WHERE id = ? AND qty >= ?')
const record = db.prepare('INSERT INTO sales (id, product_id, qty, at) VALUES (?, ?, ?, ?)')
const sell = db.transaction((productId: string, qty: number, saleId: string): boolean => {
  if (take.run(qty, productId, qty).changes !== 1) return false
  record.run(saleId, productId, qty, new Date().toISOString())
  return true
})

const server = createServer((req, res) => {
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (c: string) => (body += c))
  req.on('end', () => {
    try {
      const { productId, qty, saleId } = JSON.parse(body) as {
        productId: string
        qty: number
        saleId: string
      }
      const ok = sell(productId, qty, saleId)
      res.writeHead(ok ? 200 : 409, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok }))
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: false, error: String(error) }))
    }
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`${JSON.stringify({ event: 'ready', port })}\n`)
})
process.on('SIGTERM', () => {
  server.close()
  db.close()
  process.exit(0)
})
