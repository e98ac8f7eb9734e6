export interface RecentLogEntry {
  at: string
  level: 'info' | 'warn' | 'error'
  msg: string
  /** Scalar fields of the log call, secrets removed. */
  fields: Record<string, string | number | boolean>
}

const SECRET_KEY = /token|secret|password|passw|pin|hash|key|authorization|cookie|credential/i

/** The last log lines of this node (info and above), kept in memory for diagnostics exports. */
export class RecentLog {
  private readonly entries: RecentLogEntry[] = []
  private readonly max: number
  constructor(max = 300) {
    this.max = max
  }

  push(level: RecentLogEntry['level'], args: unknown[]): void {
    const [first, second] = args
    const fields: RecentLogEntry['fields'] = {}
    let msg = ''
    if (typeof first === 'string') msg = first
    else {
      if (typeof second === 'string') msg = second
      if (first instanceof Error) fields.error = first.message
      else if (first && typeof first === 'object') {
        for (const [k, v] of Object.entries(first)) {
          if (SECRET_KEY.test(k)) continue
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v
          else if (v instanceof Error) fields[k] = v.message
        }
      }
    }
    this.entries.push({ at: new Date().toISOString(), level, msg, fields })
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max)
  }

  list(): RecentLogEntry[] {
    return [...this.entries]
  }
}
