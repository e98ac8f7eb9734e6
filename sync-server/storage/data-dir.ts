// The relay's data directory holds device-token hashes, the archive, the admin and metrics keys:
// owner only. An existing directory or file (created by an installer, a restore, an older
// version, another umask) keeps whatever mode it had, so the modes are forced at every start.
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const DATA_DIR_MODE = 0o700
export const SECRET_FILE_MODE = 0o600

/** Creates the directory if needed and makes it 0700 whatever it was. */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE })
  chmodSync(dataDir, DATA_DIR_MODE)
}

/** The SQLite database and its WAL and shared-memory files. */
export function databaseFiles(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]
}

/** Makes each of `files` that exists 0600 (SQLite creates -wal and -shm with the database's mode). */
export function secureFiles(dataDir: string, files: readonly string[]): void {
  for (const name of files) {
    const file = join(dataDir, name)
    if (existsSync(file)) chmodSync(file, SECRET_FILE_MODE)
  }
}
