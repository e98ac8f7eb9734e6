import { describe, expect, it } from 'vitest'
import { LatestOnly, QueryRegistry } from '../../renderer/src/api/query-registry.ts'

describe("the renderer's data layer", () => {
  it('an action invalidates the methods it changed, on every screen that shows them', () => {
    const registry = new QueryRegistry()
    const reloads: string[] = []
    const offHolds = registry.register('reservations.list', () => reloads.push('holds panel'))
    registry.register('orders.list', () => reloads.push('order board'))
    registry.register('users.list', () => reloads.push('users'))
    registry.invalidate(['reservations.list', 'orders.list'])
    expect(reloads).toEqual(['holds panel', 'order board'])
    offHolds()
    expect(registry.count('reservations.list')).toBe(0)
    registry.invalidate(['reservations.list'])
    expect(reloads).toHaveLength(2)
  })

  it('drops an answer that arrives after a newer question', () => {
    const latest = new LatestOnly()
    const first = latest.ask()
    const second = latest.ask()
    expect(first()).toBe(false)
    expect(second()).toBe(true)
  })
})
