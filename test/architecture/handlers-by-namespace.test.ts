import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { methodNames } from '../../shared/api/contract.ts'

// A newcomer finds any StoreApi method in one guess: `ns.action` is declared in
// shared/api/methods/<ns>.ts and handled in store-node/services/<ns>.ts, and nowhere else.
const root = join(import.meta.dirname, '../..')
const filesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ name: f.replace(/\.ts$/, ''), text: readFileSync(join(root, dir, f), 'utf8') }))

const definedIn = (files: Array<{ name: string; text: string }>, method: string) =>
  files.filter((f) => f.text.includes(`'${method}':`)).map((f) => f.name)

describe('one method, one place', () => {
  const services = filesIn('store-node/services')
  const contracts = filesIn('shared/api/methods')

  it('every handler of ns.* is in store-node/services/<ns>.ts and only there', () => {
    const misplaced = methodNames.filter((m) => {
      const where = definedIn(services, m)
      return where.length !== 1 || where[0] !== m.split('.')[0]
    })
    expect(misplaced).toEqual([])
  })

  it('every method of ns.* is declared in shared/api/methods/<ns>.ts and only there', () => {
    const misplaced = methodNames.filter((m) => {
      const where = definedIn(contracts, m)
      return where.length !== 1 || where[0] !== m.split('.')[0]
    })
    expect(misplaced).toEqual([])
  })

  it('services/ holds handler files only: one per namespace', () => {
    const namespaces = new Set(methodNames.map((m) => m.split('.')[0]))
    expect(services.map((f) => f.name).filter((n) => !namespaces.has(n))).toEqual([])
  })
})
