import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { PlatformPackager, type AfterPackContext } from 'app-builder-lib'
import { getConfig } from 'app-builder-lib/out/util/config/config.js'
import { afterAll, describe, expect, it } from 'vitest'

// A local user (or malware) on a till attacks the installed, signed app binary, which runs with
// the store's database and the relay device token: ELECTRON_RUN_AS_NODE=1 turns it into plain
// Node, NODE_OPTIONS=--require loads their script into it, --inspect attaches a debugger, and a
// loose `resources/app/` folder or an edited app.asar replaces our code. Electron's fuses, flipped
// in the binary at packaging time, switch each of these off. Electron's binary cannot be
// downloaded here, so electron-builder's own fuse step runs on a stand-in binary that carries
// Electron's fuse wire with Electron 45's factory settings, and the test reads the bytes back.

const root = resolve(import.meta.dirname, '../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** How a fuse's byte reads ('0' and '1', as @electron/fuses writes them). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const
/** Electron's defaults, in wire order: RunAsNode … GrantFileProtocolExtraPrivileges. */
const factoryWire = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE))

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A file laid out like an Electron executable around its fuse wire (version 1, 8 fuses). */
function standInElectron(dir: string, name: string): string {
  const path = join(dir, name)
  const padding = Buffer.alloc(4096, 0x90)
  const wire = Buffer.from([0x01, factoryWire.length, ...factoryWire])
  writeFileSync(path, Buffer.concat([padding, Buffer.from(SENTINEL, 'ascii'), wire, padding]))
  return path
}

/** Runs electron-builder's own "flip the fuses before signing" step over a packaged app folder. */
async function packageFuses(platform: 'linux' | 'win32'): Promise<string> {
  const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
  const appOutDir = mkdtempSync(join(tmpdir(), 'allot-fuses-'))
  dirs.push(appOutDir)
  const binary = standInElectron(appOutDir, platform === 'win32' ? 'Allot.exe' : 'Allot')
  // The packager's state the fuse step reads: the configuration and the executable's name.
  const packager = Object.create(PlatformPackager.prototype) as PlatformPackager<object>
  Object.defineProperties(packager, {
    info: { value: { config } },
    appInfo: { value: { productFilename: 'Allot' } },
  })
  const context = { appOutDir, electronPlatformName: platform } as AfterPackContext
  await (
    packager as unknown as { doAddElectronFuses(context: AfterPackContext): Promise<void> }
  ).doAddElectronFuses(context)
  return binary
}

async function fuse(binary: string, option: FuseV1Options): Promise<'on' | 'off'> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
  const state = wire[option]
  if (state === FuseState.ENABLE) return 'on'
  if (state === FuseState.DISABLE) return 'off'
  throw new Error(`fuse ${FuseV1Options[option]} is in state ${state}`)
}

describe.each(['linux', 'win32'] as const)('the packaged %s binary', (platform) => {
  it('ignores ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect', async () => {
    const binary = await packageFuses(platform)
    expect(await fuse(binary, FuseV1Options.RunAsNode)).toBe('off')
    expect(await fuse(binary, FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('off')
    expect(await fuse(binary, FuseV1Options.EnableNodeCliInspectArguments)).toBe('off')
  })

  it('loads the app only from an integrity-checked app.asar, and encrypts cookies', async () => {
    const binary = await packageFuses(platform)
    expect(await fuse(binary, FuseV1Options.OnlyLoadAppFromAsar)).toBe('on')
    expect(await fuse(binary, FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('on')
    expect(await fuse(binary, FuseV1Options.EnableCookieEncryption)).toBe('on')
  })

  it('keeps the file:// privileges the renderer (loaded with loadFile) needs', async () => {
    const binary = await packageFuses(platform)
    expect(await fuse(binary, FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('on')
  })

  it('changes only the fuse wire, nothing else in the binary', async () => {
    const binary = await packageFuses(platform)
    const after = readFileSync(binary)
    const pristine = mkdtempSync(join(tmpdir(), 'allot-fuses-'))
    dirs.push(pristine)
    const before = readFileSync(standInElectron(pristine, 'Allot'))
    const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(after.length).toBe(before.length)
    expect(after.subarray(0, wireAt)).toEqual(before.subarray(0, wireAt))
    expect(after.subarray(wireAt + factoryWire.length)).toEqual(before.subarray(wireAt + factoryWire.length))
  })
})

describe('electron-builder.yml', () => {
  it('packs the app into an asar archive (the fuses above rely on it)', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    expect(config.asar).toBe(true)
  })
})
