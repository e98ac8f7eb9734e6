import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { distProblems, type DistMachine } from '../../scripts/dist-preconditions.ts'

const root = resolve(import.meta.dirname, '../..')

function machine(overrides: Partial<DistMachine> & { env?: DistMachine['env'] } = {}) {
  const probed: string[] = []
  const value: DistMachine = {
    env: { ALLOT_UPDATE_URL: 'https://updates.allot.example/stable' },
    platform: 'linux',
    electronVersion: '45.4.1',
    electronCached: () => false,
    reach: async (url) => {
      probed.push(url)
      return undefined
    },
    ...overrides,
  }
  return { machine: value, probed }
}

describe('npm run dist preconditions', () => {
  it('are met with an https feed and a reachable download host', async () => {
    const { machine: m, probed } = machine()
    expect(await distProblems(m)).toEqual([])
    expect(probed).toEqual(['https://github.com/electron/electron/releases/'])
  })

  it('name a missing or non-https ALLOT_UPDATE_URL without probing the network', async () => {
    for (const url of [
      undefined,
      '',
      'http://updates.allot.example/',
      'https://u:p@updates.allot.example/',
    ]) {
      const { machine: m, probed } = machine({ env: { ALLOT_UPDATE_URL: url } })
      const problems = await distProblems(m)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/ALLOT_UPDATE_URL/)
      expect(probed).toEqual([])
    }
  })

  it('need a signing certificate on Windows (the installed app verifies updates by its publisher)', async () => {
    const unsigned = machine({ platform: 'win32' }).machine
    expect(await distProblems(unsigned)).toEqual([expect.stringMatching(/CSC_LINK or WIN_CSC_LINK/)])
    const signed = machine({
      platform: 'win32',
      env: { ALLOT_UPDATE_URL: 'https://u.example/', WIN_CSC_LINK: 'C:\\certs\\allot.pfx' },
    }).machine
    expect(await distProblems(signed)).toEqual([])
  })

  it('say when Electron can be neither found in the cache nor downloaded', async () => {
    const offline = machine({ reach: async () => 'getaddrinfo ENOTFOUND github.com' }).machine
    expect(await distProblems(offline)).toEqual([
      expect.stringMatching(/Electron 45\.4\.1 is not in the download cache .*ENOTFOUND.*ELECTRON_MIRROR/),
    ])
    const cached = machine({ reach: async () => 'offline', electronCached: () => true })
    expect(await distProblems(cached.machine)).toEqual([])
    expect(cached.probed).toEqual([])
    const mirrored = machine({
      env: { ALLOT_UPDATE_URL: 'https://u.example/', ELECTRON_MIRROR: 'https://m.example/e/' },
    })
    await distProblems(mirrored.machine)
    expect(mirrored.probed).toEqual(['https://m.example/e/'])
  })

  it('stop `npm run dist` at once with one line, before the build starts', () => {
    const env = { ...process.env }
    delete env.ALLOT_UPDATE_URL
    const started = Date.now()
    const run = spawnSync('npm', ['run', 'dist'], { cwd: root, env, encoding: 'utf8', timeout: 30_000 })
    expect(run.status).not.toBe(0)
    expect(Date.now() - started).toBeLessThan(15_000)
    const ours = run.stderr.split('\n').filter((line) => line.startsWith('npm run dist:'))
    expect(ours).toEqual([expect.stringMatching(/ALLOT_UPDATE_URL/)])
    // Neither the typecheck nor electron-vite nor electron-builder ran.
    expect(run.stdout + run.stderr).not.toMatch(/tsc -p|electron-vite|vite v|electron-builder {2}version/)
  })
})
