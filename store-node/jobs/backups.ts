import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../../shared/node/sqlite.ts'
import type { BackupView } from '../../shared/api/views.ts'
import { ensurePrivateDir, makePrivate, touchPrivateFile } from '../infra/private-files.ts'

const prefix = 'allot-'
const suffix = '.db'

/**
 * Online backups with SQLite's backup API (consistent while the store keeps selling), rotated to
 * the newest `keep` files. A restored backup goes through the stale-restore guard on next start.
 */
export class Backups {
  private readonly db: Database
  private readonly dir: string
  private readonly keep: number
  private readonly now: () => Date

  constructor(options: { db: Database; dir: string; keep?: number; now?: () => Date }) {
    this.db = options.db
    this.dir = options.dir
    this.keep = options.keep ?? 10
    this.now = options.now ?? (() => new Date())
    ensurePrivateDir(this.dir)
  }

  list(): BackupView[] {
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith(suffix))
      .map((f) => {
        const stat = statSync(join(this.dir, f))
        return { file: join(this.dir, f), bytes: stat.size, at: stat.mtime.toISOString() }
      })
      .sort((a, b) => (a.file < b.file ? 1 : -1))
  }

  async create(): Promise<BackupView> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-')
    let file = join(this.dir, `${prefix}${stamp}${suffix}`)
    for (let n = 1; this.list().some((b) => b.file === file); n++)
      file = join(this.dir, `${prefix}${stamp}-${n}${suffix}`)
    // A copy of the database: private from its first byte, like the database itself.
    touchPrivateFile(file)
    try {
      await this.db.backup(file)
    } catch (error) {
      rmSync(file, { force: true })
      throw error
    }
    makePrivate(file)
    for (const old of this.list().slice(this.keep)) rmSync(old.file, { force: true })
    const stat = statSync(file)
    return { file, bytes: stat.size, at: stat.mtime.toISOString() }
  }

  /** Age of the newest backup in ms, or Infinity when there is none. */
  newestAgeMs(): number {
    const newest = this.list()[0]
    return newest ? this.now().getTime() - new Date(newest.at).getTime() : Number.POSITIVE_INFINITY
  }
}
