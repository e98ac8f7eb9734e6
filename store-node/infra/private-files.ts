import { chmodSync, closeSync, fchmodSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs'

// The store's files hold the relay device token, the API token, password hashes and the assistant
// key. Modes given at creation only apply to new files and pass through the umask, and a directory
// or file made earlier (by an installer, the demo, an older version) keeps whatever mode it had:
// so modes are set explicitly, on every start and on every write.

export const privateDirMode = 0o700
export const privateFileMode = 0o600

/** Creates `dir` if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode })
  chmodSync(dir, privateDirMode)
}

/** Makes an existing regular file 0600; missing files and symlinks are left alone. */
export function makePrivate(file: string): void {
  let stat
  try {
    stat = lstatSync(file)
  } catch {
    return
  }
  if (stat.isFile() && (stat.mode & 0o777) !== privateFileMode) chmodSync(file, privateFileMode)
}

/** Creates `file` (empty) if it is missing and makes it 0600, before anyone writes into it. */
export function touchPrivateFile(file: string): void {
  const fd = openSync(file, 'a', privateFileMode)
  try {
    fchmodSync(fd, privateFileMode)
  } finally {
    closeSync(fd)
  }
}

/** Writes `data` to `file`, which is 0600 before its first byte, whatever it was before. */
export function writePrivateFileSync(file: string, data: string): void {
  const fd = openSync(file, 'w', privateFileMode)
  try {
    fchmodSync(fd, privateFileMode)
    writeSync(fd, data)
  } finally {
    closeSync(fd)
  }
}
