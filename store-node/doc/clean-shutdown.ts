import { createHash, randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { KeyValue } from '../db/kv.ts'
import { writePrivateFileSync } from '../infra/private-files.ts'

// A Yjs transaction costs in proportion to the clients a document has ever had, so a replica keeps
// its client id across its own clean restarts. Only a clean shutdown proves that nothing wrote with
// that id after the recorded clock: the record is written at close, in the database and in a file
// beside the high-water mark, and replaced by "in use" before the first write of the next start.
// Anything else (a crash, a copy, a restored backup, another machine or directory) takes a new id.

const KV_KEY = 'clean-shutdown'

const cleanRecord = z.object({
  state: z.literal('clean'),
  clientId: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
  dataDir: z.string(),
  machine: z.string(),
  /** Random per shutdown: the database and the file must hold the same one. */
  closeId: z.string(),
})
const record = z.union([cleanRecord, z.object({ state: z.literal('in-use') })])
type CleanRecord = z.infer<typeof cleanRecord>

export interface CleanShutdownPaths {
  kv: KeyValue
  dataDir: string
  /** The file beside the high-water mark. */
  file: string
  /** This machine's identity (tests pass another to act as a second machine). */
  machine?: string
}

/** Identity of the data directory itself: a copy or a restore elsewhere has another inode. */
function dataDirIdentity(dataDir: string): string {
  const stat = statSync(dataDir)
  return `${stat.dev}:${stat.ino}`
}

/** The OS's machine id where there is one, else the host name; hashed, never stored as is. */
export function machineIdentity(): string {
  let id = hostname()
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      id = `${readFileSync(file, 'utf8').trim()}|${id}`
      break
    } catch {
      // not on this system
    }
  }
  return createHash('sha256').update(id).digest('hex')
}

export class CleanShutdown {
  private readonly paths: CleanShutdownPaths
  private readonly machine: string

  constructor(paths: CleanShutdownPaths) {
    this.paths = paths
    this.machine = paths.machine ?? machineIdentity()
  }

  /**
   * The client id to keep, when a matching clean record is found in both places and the loaded
   * document's clock for it is the recorded one; undefined otherwise (take a new id).
   */
  reusableClientId(clockOf: (clientId: number) => number): number | undefined {
    const inDb = record.safeParse(this.paths.kv.get<unknown>(KV_KEY))
    const inFile = record.safeParse(this.readFile())
    if (!inDb.success || !inFile.success) return undefined
    const a = inDb.data
    const b = inFile.data
    if (a.state !== 'clean' || b.state !== 'clean') return undefined
    if (!sameRecord(a, b)) return undefined
    if (a.dataDir !== dataDirIdentity(this.paths.dataDir) || a.machine !== this.machine) return undefined
    if (clockOf(a.clientId) !== a.clock) return undefined
    return a.clientId
  }

  /** Before the first write of this run: the clean record no longer holds. Fsynced in both places. */
  markInUse(): void {
    this.paths.kv.set(KV_KEY, { state: 'in-use' })
    this.writeFile({ state: 'in-use' })
  }

  /** At a clean close, after the last write: this id may continue at `clock` next time. */
  markClean(clientId: number, clock: number): void {
    const clean: CleanRecord = {
      state: 'clean',
      clientId,
      clock,
      dataDir: dataDirIdentity(this.paths.dataDir),
      machine: this.machine,
      closeId: randomUUID(),
    }
    this.paths.kv.set(KV_KEY, clean)
    this.writeFile(clean)
  }

  private readFile(): unknown {
    try {
      return JSON.parse(readFileSync(this.paths.file, 'utf8'))
    } catch {
      return undefined
    }
  }

  private writeFile(value: unknown): void {
    const tmp = `${this.paths.file}.tmp`
    writePrivateFileSync(tmp, JSON.stringify(value))
    fsyncPath(tmp)
    renameSync(tmp, this.paths.file)
    fsyncPath(dirname(this.paths.file))
  }
}

function sameRecord(a: CleanRecord, b: CleanRecord): boolean {
  return (
    a.clientId === b.clientId &&
    a.clock === b.clock &&
    a.dataDir === b.dataDir &&
    a.machine === b.machine &&
    a.closeId === b.closeId
  )
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
