import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The dependency rules of docs/architecture.md are lint rules; prove they bite.
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('dependency rules', () => {
  it('keeps Node built-ins and SQLite out of the pure core', async () => {
    const messages = await restrictedImports(
      'shared/core/example.ts',
      "import { readFileSync } from 'node:fs'\nimport Database from 'better-sqlite3'\nexport const x = [readFileSync, Database]\n",
    )
    expect(messages).toHaveLength(2)
  })

  it('keeps the renderer on the StoreApi contract', async () => {
    const messages = await restrictedImports(
      'renderer/src/example.ts',
      "import * as Y from 'yjs'\nimport { x } from '../../shared/core/fold.ts'\nimport { y } from '../../shared/api/contract.ts'\nexport const z = [Y, x, y]\n",
    )
    expect(messages).toHaveLength(2)
  })

  it('gives tests one test kit: helpers come through test/support/index.ts', async () => {
    const file = 'test/relay/example.test.ts'
    for (const from of ['../../tools/cluster/relay-harness.ts', '../support/store-fixture.ts'])
      expect(await restrictedImports(file, `import { x } from '${from}'\nexport const y = x\n`)).toHaveLength(
        1,
      )
    expect(
      await restrictedImports(file, "import { x } from '../support/index.ts'\nexport const y = x\n"),
    ).toHaveLength(0)
  })

  it('lets only electron/ import Electron', async () => {
    const code = "import { app } from 'electron'\nexport const a = app\n"
    expect(await restrictedImports('store-node/example.ts', code)).toHaveLength(1)
    expect(await restrictedImports('electron/main/example.ts', code)).toHaveLength(0)
  })

  it('keeps tests out of products and tools: tests import tools, never the other way', async () => {
    const code = "import { x } from '../../test/support/store-fixture.ts'\nexport const y = x\n"
    for (const file of [
      'store-node/api/example.ts',
      'sync-server/http/example.ts',
      'tools/chaos/example.ts',
      'scripts/example.ts',
    ])
      expect(
        await restrictedImports(file, code.replace('../../', file.startsWith('scripts') ? '../' : '../../')),
      ).toHaveLength(1)
    expect(
      await restrictedImports(
        'test/support/example.ts',
        "import { x } from '../../tools/cluster/chain.ts'\nexport const y = x\n",
      ),
    ).toHaveLength(0)
  })
})
