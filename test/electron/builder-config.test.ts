import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { DebugLogger } from 'builder-util'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { describe, expect, it } from 'vitest'

// electron-builder cannot produce installers where Electron cannot be downloaded, so the
// configuration is checked here with electron-builder's own loader and schema validation, plus
// the project's own rules (targets, native module unpacked, update feed set at build time).

const root = resolve(import.meta.dirname, '../..')
const configPath = resolve(root, 'electron-builder.yml')

async function loadConfig() {
  return getConfig(root, configPath, null)
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file)
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await loadConfig()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('is refused by the same validation when an option is wrong (the check has teeth)', async () => {
    const config = await loadConfig()
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } } as typeof config
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema[\s\S]*configuration\.linux/,
    )
  })

  it('builds AppImage + deb, NSIS and dmg under a fixed app id', async () => {
    const config = await loadConfig()
    expect(config.appId).toBe('app.allot.store')
    expect(config.productName).toBe('Allot')
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.directories?.buildResources).toBe('build')
  })

  it('unpacks better-sqlite3 from the asar archive', async () => {
    const config = await loadConfig()
    expect(config.asar).not.toBe(false)
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**')
  })

  it('ships the built app only', async () => {
    const config = await loadConfig()
    // getConfig normalises `files` into [{ filter: [...] }].
    const patterns = (config.files as { filter: string[] }[]).flatMap((f) => f.filter)
    expect(patterns).toEqual(['out/**/*', 'package.json', '!**/*.map'])
  })

  it('publishes updates to a generic server whose URL is set at build time', async () => {
    const config = await loadConfig()
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.ALLOT_UPDATE_URL}' })
  })

  it('has a 512×512 PNG icon and the mac entitlements in build/', async () => {
    const config = await loadConfig()
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      expect(icon).toBe('build/icon.png')
    }
    expect(pngSize(resolve(root, 'build/icon.png'))).toEqual({ width: 512, height: 512 })
    expect(readFileSync(resolve(root, 'build/entitlements.mac.plist'), 'utf8')).toContain('allow-jit')
  })
})
