import type { Statement } from 'better-sqlite3'
import type { Database } from './sqlite.ts'

/**
 * Prepares a store's SQL statements once, by name; the lookup is typed by those names so a
 * misspelt statement is a type error, not a runtime one.
 */
export function prepareAll<K extends string>(
  db: Database,
  sqls: Record<K, string>,
): (name: K) => Statement<unknown[]> {
  const prepared = new Map<K, Statement<unknown[]>>()
  for (const name of Object.keys(sqls) as K[])
    prepared.set(name, db.prepare(sqls[name]) as Statement<unknown[]>)
  return (name) => prepared.get(name)!
}
