import { describe, expect, it } from 'vitest'
import { WriteGate, type WriteGatePorts } from '../../store-node/api/write-gate.ts'

const gate = (p: Partial<Record<keyof WriteGatePorts, string | undefined>>) =>
  new WriteGate({
    orgId: () => ('orgId' in p ? p.orgId : 'org-1'),
    broken: () => p.broken,
    locked: () => p.locked,
    readOnly: () => p.readOnly,
  })

describe('the write gate: one answer for every writer', () => {
  it('names the first reason in a fixed order, with its error code', () => {
    expect(gate({}).whyNotWrite()).toBeUndefined()
    expect(gate({ orgId: undefined, locked: 'stale' }).whyNotWrite()?.code).toBe('CONFLICT')
    expect(gate({ broken: 'disk full', locked: 'stale' }).whyNotWrite()?.code).toBe('INTERNAL')
    expect(gate({ locked: 'stale', readOnly: 'retired' }).whyNotWrite()).toEqual({
      code: 'SALES_LOCKED',
      message: 'stale',
    })
    expect(gate({ readOnly: 'retired' }).whyNotWrite()).toEqual({ code: 'READ_ONLY', message: 'retired' })
  })

  it('a stale own log stops own-log writes, not shared edits; read-only stops both', () => {
    expect(gate({ locked: 'stale' }).whyNotShare()).toBeUndefined()
    expect(gate({ locked: 'stale', readOnly: 'newer schema' }).whyNotShare()?.code).toBe('READ_ONLY')
    expect(() => gate({ locked: 'stale' }).assertMayWrite()).toThrow('stale')
    expect(() => gate({ readOnly: 'retired' }).assertMayShare()).toThrow('retired')
  })

  it('reports pauses for status screens', () => {
    expect(gate({ locked: 'stale', readOnly: 'x' }).readOnly()).toBeUndefined()
    expect(gate({ readOnly: 'retired' }).readOnly()).toBe('retired')
    expect(gate({ locked: 'stale' }).salesLocked()).toBe('stale')
  })
})
