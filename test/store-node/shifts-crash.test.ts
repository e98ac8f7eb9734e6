import { afterAll, describe, expect, it } from 'vitest'
import { connectApi, setUpStandaloneStore, startStoreNode, tempDir } from '../support/index.ts'

// A shift is events on the till's own log, written like a sale: kill -9 right after each answer
// must lose nothing acknowledged, and a retried request must not open a second shift.
describe('a shift through kill -9 (real store-node process)', () => {
  const dir = tempDir('shift-crash')
  afterAll(() => dir.remove())

  it('keeps the open shift, its sale and its pay-in, and a retried open answers the same shift', async () => {
    let node = await startStoreNode(dir.path)
    let { api, transport } = await connectApi(node.ready.api, node.token)
    const product = await setUpStandaloneStore(api, { sku: 'C-1', name: 'Cola', priceMinor: 150 }, 100)
    const opened = await api['shifts.open']({ idempotencyKey: 'open-shift-kill', floatMinor: 3000 })
    transport.close()
    await node.kill('SIGKILL')

    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    expect((await api['shifts.current']({})).shift?.shiftId).toBe(opened.shiftId)
    expect((await api['shifts.open']({ idempotencyKey: 'open-shift-kill', floatMinor: 3000 })).shiftId).toBe(
      opened.shiftId,
    )
    const sale = await api['sales.checkout']({
      idempotencyKey: 'sale-kill-1',
      lines: [{ productId: product.id, qty: 2 }],
      payment: { method: 'cash' },
    })
    await api['shifts.moveCash']({
      idempotencyKey: 'pay-in-kill',
      kind: 'pay-in',
      amountMinor: 500,
      reason: 'change',
    })
    transport.close()
    await node.kill('SIGKILL')

    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    const x = await api['shifts.report']({})
    expect(x.shiftId).toBe(opened.shiftId)
    expect(x.salesByTender).toEqual({ cash: { count: 1, amountMinor: sale.totalMinor } })
    expect(x.payIns).toEqual({ count: 1, amountMinor: 500 })
    expect(x.expectedCashMinor).toBe(3000 + sale.totalMinor + 500)
    const z = await api['shifts.close']({
      idempotencyKey: 'close-kill',
      countedMinor: x.expectedCashMinor ?? 0,
    })
    expect(z.close?.overShortMinor).toBe(0)
    expect((await api['shifts.list']({})).items).toHaveLength(1)
    transport.close()
    await node.kill('SIGTERM')
  })
})
