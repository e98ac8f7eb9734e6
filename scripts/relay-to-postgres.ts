// Moves a SQLite relay into PostgreSQL (see docs/deployment.md):
//   node scripts/relay-to-postgres.ts --data DIR --database postgres://HOST:PORT/DB?user=U
// Stop the relay first. The target database must be empty (the relay's schema is created here).
// Prints a JSON report of what was copied; exits 1 without changing the target on any error.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { TargetNotEmptyError, copySqliteRelay } from '../sync-server/storage/pg/copy-sqlite-relay.ts'

const usage = 'usage: node scripts/relay-to-postgres.ts --data DIR --database postgres://HOST:PORT/DB?user=U'

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    database: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
})
if (values.help) {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}
if (!values.data || !values.database || !/^postgres(ql)?:\/\//.test(values.database)) {
  process.stderr.write(`${usage}\n`)
  process.exit(2)
}
const file = join(values.data, 'relay.db')
if (!existsSync(file)) {
  process.stderr.write(`no relay database at ${file}\n`)
  process.exit(2)
}
try {
  const report = copySqliteRelay(file, values.database, Date.now())
  process.stdout.write(`${JSON.stringify({ event: 'copied', ...report })}\n`)
  process.stderr.write(
    `copied into PostgreSQL; keep ${join(values.data, 'admin-key')} as the instances' --admin-key-file\n`,
  )
} catch (err) {
  process.stderr.write(`${err instanceof TargetNotEmptyError ? err.message : String(err)}\n`)
  process.exit(1)
}
