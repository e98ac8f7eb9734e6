import { describe, expect, it } from 'vitest'
import { openSetUpStore, cleanupAfterEach, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

describe('customers', () => {
  it('are found by typing a name, an e-mail or phone digits, attached to sales, and list their purchases', async () => {
    const s = await openSetUpStore('customers', later)
    const { node, owner, cashier } = s
    const ana = await cashier['customers.upsert']({
      name: 'Ana Lima',
      phone: '+49 30 123-4567',
      email: 'Ana@Example.com',
    })
    expect(ana.email).toBe('ana@example.com')
    await cashier['customers.upsert']({ name: 'José Álvarez', phone: '030 999 888' })
    const names = async (query: string) =>
      (await cashier['customers.search']({ query })).items.map((c) => c.name)
    expect(await names('lima')).toEqual(['Ana Lima'])
    expect(await names('jose alv')).toEqual(['José Álvarez'])
    expect(await names('1234567')).toEqual(['Ana Lima'])
    expect(await names('123 45')).toEqual(['Ana Lima'])
    expect(await names('example.com')).toEqual(['Ana Lima'])
    expect(await names('nobody')).toEqual([])

    const bad = await refusal(cashier['customers.upsert']({ name: 'X', email: 'not-an-address' }))
    expect(bad.code).toBe('VALIDATION')

    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sale-for-ana',
      lines: [{ productId: s.productId, qty: 2 }],
      payment: { method: 'card' },
      customerId: ana.id,
    })
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-anonymous',
      lines: [{ productId: s.productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const unknown = await refusal(
      cashier['sales.checkout']({
        idempotencyKey: 'sale-for-ghost',
        lines: [{ productId: s.productId, qty: 1 }],
        payment: { method: 'card' },
        customerId: 'ghost',
      }),
    )
    expect(unknown.code).toBe('NOT_FOUND')
    expect((await owner['sales.list']({})).total).toBe(2)

    const purchases = await cashier['customers.purchases']({ customerId: ana.id })
    expect(purchases.total).toBe(1)
    expect(purchases.items[0]).toMatchObject({ id: sale.id, totalMinor: sale.totalMinor, items: 2 })
    // The log keeps the customer's id and name only: contact details stay in the record.
    const recorded = node.store.ledger.event(sale.id, 'sale')?.event
    expect(recorded?.customer).toEqual({ customerId: ana.id, name: 'Ana Lima' })

    await owner['customers.archive']({ id: ana.id, archived: true })
    expect(await names('lima')).toEqual([])
    expect((await owner['customers.list']({})).total).toBe(2)
    expect((await refusal(cashier['customers.list']({}))).code).toBe('FORBIDDEN')
  })
})
