// A supervisor stops the demo by signalling the process it started (npm's, or a shell's). npm
// does not pass that on to the script, and a killed parent signals nobody: the demo must still
// stop, and with it the store node it started — no orphans left running.
import { execFileSync, spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { repoRoot, waitUntil } from '../support/index.ts'

describe('npm run demo under a supervisor', () => {
  it('stops the demo and its store when the process that started it is killed', async () => {
    // a shell stands in for npm: it runs the demo as its child and is then killed outright
    const parent = spawn('sh', ['-c', 'node scripts/demo.ts --solo; true'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${repoRoot}/node_modules/.bin:${process.env.PATH}` },
    })
    let out = ''
    parent.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    await waitUntil(() => out.includes('Press Ctrl+C to stop'), 120_000, 'the demo to be ready')
    const children = (pid: number) => {
      try {
        return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .filter(Boolean)
      } catch {
        return []
      }
    }
    const demo = children(parent.pid!).map(Number)
    const stores = demo.flatMap(children)
    expect(demo).toHaveLength(1)
    expect(stores.length).toBeGreaterThan(0)
    parent.kill('SIGKILL')
    const alive = (pid: string | number) => {
      try {
        process.kill(Number(pid), 0)
        return true
      } catch {
        return false
      }
    }
    await waitUntil(() => !alive(demo[0]!), 15_000, 'the demo to stop')
    await waitUntil(() => stores.every((pid) => !alive(pid)), 15_000, 'its store node to stop')
  }, 180_000)
})
