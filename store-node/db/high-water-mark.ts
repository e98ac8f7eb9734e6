import { readFileSync, renameSync } from 'node:fs'
import { writePrivateFileSync } from '../infra/private-files.ts'

/**
 * The replica's own last seq, kept OUTSIDE the database. Written lazily after commits, so it may lag
 * but never lead. A database whose own last seq is below this mark was restored or copied: it may
 * have forgotten sales it made, so it must not sell until the relay has confirmed its own log.
 */
export class HighWaterMark {
  private readonly file: string
  private written = 0
  private wanted = 0
  private timer: NodeJS.Timeout | undefined
  private readonly delayMs: number

  constructor(file: string, delayMs = 250) {
    this.file = file
    this.delayMs = delayMs
    this.written = this.read()
    this.wanted = this.written
  }

  /** The mark as last written to disk (0 when there is none). */
  read(): number {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { seq?: unknown }
      return typeof parsed.seq === 'number' && Number.isInteger(parsed.seq) ? parsed.seq : 0
    } catch {
      return 0
    }
  }

  /** Call after a commit that made `seq` durable; writes soon, never before the commit. */
  advance(seq: number): void {
    if (seq <= this.wanted) return
    this.wanted = seq
    this.timer ??= setTimeout(() => this.flush(), this.delayMs)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.wanted <= this.written) return
    const tmp = `${this.file}.tmp`
    writePrivateFileSync(tmp, JSON.stringify({ seq: this.wanted }))
    renameSync(tmp, this.file)
    this.written = this.wanted
  }
}
