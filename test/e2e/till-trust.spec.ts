import { expect, failOnPageErrors, login, openScreen, pickOption, scan, test } from './support/fixtures.ts'

// Issue 19, items 1, 2, 3 and 6: what the till shows is what it records, by keyboard only.

test('after a card sale the next payment starts on cash with focus on the amount; Enter completes the shown tender', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')

  // First sale by card, keyboard only: F6 opens the payment on Card, Enter completes it.
  await scan(page, '4006381333931')
  await page.keyboard.press('F6')
  await expect(page.getByTestId('card-amount')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await page.keyboard.press('F8')
  await expect(page.getByTestId('receipt')).toBeHidden()

  // Next sale: the dialog is back on cash, the amount field has focus, Enter records the sale.
  await scan(page, '4006381333948')
  await page.keyboard.press('F4')
  await expect(page.getByTestId('tendered')).toBeFocused()
  await expect(page.getByTestId('tender').getByRole('radio', { name: 'Cash' })).toBeChecked()
  await page.keyboard.type('10')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await expect(page.getByTestId('receipt')).toContainText('Rye bread')
  await page.keyboard.press('F8')

  // Switching to card inside the dialog (F6) moves focus to the card amount; Enter still sells.
  await scan(page, '4006381333962')
  await page.keyboard.press('F4')
  await expect(page.getByTestId('tendered')).toBeFocused()
  await page.keyboard.press('F6')
  await expect(page.getByTestId('card-amount')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await expect(page.getByTestId('receipt')).toContainText('Coffee beans')
  expect(errors).toEqual([])
})

test('a quantity is kept exactly as typed and the field never shows what is not charged', async ({
  page,
  solo,
}) => {
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await scan(page, '4006381333931') // whole milk, 1.19 + 7 % tax
  const qty = page.getByTestId('line-qty')
  await qty.click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Backspace')
  await expect(qty).toHaveValue('')
  await page.keyboard.type('5')
  await expect(qty).toHaveValue('5')
  await expect(page.getByTestId('cart-items')).toHaveText('5')

  // Cleared and left: the field goes back to the quantity charged, never "0" while 5 are charged.
  await page.keyboard.press('Backspace')
  await expect(page.getByText('Type a quantity')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(qty).toHaveValue('5')
  await expect(page.getByTestId('cart-items')).toHaveText('5')

  await qty.click()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('12')
  await expect(qty).toHaveValue('12')
  await expect(page.getByTestId('cart-items')).toHaveText('12')
})

test('the cart survives a reload and a cashier switch; F8 asks before emptying it; F9 removes a line', async ({
  page,
  solo,
}) => {
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await scan(page, '3*4006381333931')
  await scan(page, '4006381333948')
  await expect(page.getByTestId('cart-line')).toHaveCount(2)

  await page.reload()
  await login(page, 'cashier', 'pin').catch(() => undefined) // the session may survive the reload
  await expect(page.getByTestId('cart-line')).toHaveCount(2)
  await expect(page.getByTestId('cart-items')).toHaveText('4')

  await page.getByRole('button', { name: 'Switch cashier', exact: false }).first().click()
  await login(page, 'cashier', 'pin')
  await expect(page.getByTestId('cart-items')).toHaveText('4')

  // F8 on a full cart asks; Enter keeps the cart (the safe answer has focus).
  await page.keyboard.press('F8')
  await expect(page.getByRole('dialog', { name: 'Empty the cart?' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Empty the cart?' })).toBeHidden()
  await expect(page.getByTestId('cart-items')).toHaveText('4')

  // F9 removes the newest line (the bread).
  await page.keyboard.press('F9')
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
  await expect(page.getByTestId('cart-items')).toHaveText('3')

  // Emptying takes a deliberate answer.
  await page.keyboard.press('F8')
  await page.getByTestId('empty-cart').click()
  await expect(page.getByTestId('cart-line')).toHaveCount(0)
  await page.reload()
  await login(page, 'cashier', 'pin').catch(() => undefined)
  await expect(page.getByTestId('pos-screen')).toBeVisible()
  await expect(page.getByTestId('cart-line')).toHaveCount(0)
})

test('restock takes exactly the digits typed and asks before an unusually large number', async ({
  page,
  solo,
}) => {
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Stock')
  await page.getByTestId('stock-row').filter({ hasText: 'Coffee beans' }).click()
  await expect(page.getByTestId('stock-chain')).toHaveText('12')

  // Cleared and typed: 13 is 13, not 130.
  const panel = page.getByRole('tabpanel', { name: 'Restock' })
  const units = panel.getByRole('textbox', { name: 'Units received' })
  await units.fill('')
  await expect(panel.getByText('Type a number')).toBeVisible()
  await expect(page.getByTestId('do-restock')).toBeDisabled()
  await units.pressSequentially('13')
  await expect(units).toHaveValue('13')
  await page.getByTestId('do-restock').click()
  await expect(page.getByTestId('stock-chain')).toHaveText('25')

  // 130 is unusual: asked first; "Go back" (focused) changes nothing.
  await units.fill('130')
  await page.getByTestId('do-restock').click()
  const question = page.getByRole('dialog', { name: /Restock 130 units/ })
  await expect(question).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(question).toBeHidden()
  await expect(page.getByTestId('stock-chain')).toHaveText('25')
  await page.getByTestId('do-restock').click()
  await page.getByTestId('confirm-unusual').click()
  await expect(page.getByTestId('stock-chain')).toHaveText('155')

  // Beyond what the store accepts: a plain reason, nothing sent.
  await units.fill('1000001')
  await expect(panel.getByText('At most 1,000,000 units')).toBeVisible()
  await expect(page.getByTestId('do-restock')).toBeDisabled()
})

test('a short cart is refused before any tender, with what the chain really holds and what can be asked', async ({
  browser,
  chain,
}) => {
  const a = await browser.newPage()
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'cashier', 'pin')
  // Tea lights: 2 at High Street, 16 at Harbour Road. The cashier scans forty.
  await scan(a, '40*4006381334044')
  await expect(a.getByTestId('cart-line').getByTestId('line-stock')).toHaveText('2 / 18')

  // Card key straight away: the stock is checked first and no payment dialog ever opens.
  await a.keyboard.press('F6')
  const panel = a.getByTestId('out-of-stock')
  await expect(panel).toContainText('no payment taken')
  await expect(panel.getByTestId('short-detail')).toHaveText(
    'In the cart 40, this store may sell 2: 38 short. Other stores hold 16 (the whole chain 18).',
  )
  await expect(a.getByRole('dialog')).toHaveCount(0)
  await expect(a.getByTestId('confirm-payment')).toHaveCount(0)
  // Never more than the other store holds (not "Request 38").
  await expect(panel.getByRole('button', { name: 'Request 16 from Harbour Road' })).toBeVisible()

  // Lowered to what is here, the same keys sell it.
  const qty = a.getByTestId('line-qty')
  await qty.click()
  await a.keyboard.press('Control+a')
  await a.keyboard.type('2')
  await a.keyboard.press('Enter')
  await a.keyboard.press('F4')
  await expect(a.getByTestId('tendered')).toBeFocused()
  await a.keyboard.press('Enter')
  await expect(a.getByTestId('receipt')).toContainText('Tea lights')
})

test('a refused form says what is wrong in plain words, never a schema message', async ({ page, solo }) => {
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Catalog')
  await page.getByRole('button', { name: 'New product' }).click()
  const form = page.getByRole('dialog')
  await form.getByLabel('Name').fill('x'.repeat(201))
  await form.getByLabel('SKU').fill('LONG-NAME')
  await form.getByLabel('Barcode').fill('4006381336017')
  await form.getByLabel(/Price/).fill('0.89')
  await form.getByLabel('Tax rate (%)').fill('7')
  await form.getByRole('button', { name: 'Create product' }).click()
  await expect(form.getByText('At most 200 characters').first()).toBeVisible()
  await expect(form).not.toContainText(/expected|Too big|Too small|>=|<=/)
})

test('the checkout itself says when the till is offline; idle and synced never reads like a fault', async ({
  page,
  chain,
}) => {
  await page.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(page, 'cashier', 'pin')
  const bar = page.getByTestId('sync-status')
  await expect(bar).toHaveAttribute('data-tone', 'synced', { timeout: 20_000 })
  await expect(page.getByTestId('sync-last')).toHaveText('Everything sent to the chain')
  await expect(page.getByTestId('pos-sync')).toHaveCount(0)

  await chain.relay.stop()
  const notice = page.getByTestId('pos-screen').getByTestId('pos-sync')
  await expect(notice).toBeVisible({ timeout: 20_000 })
  await expect(notice).toContainText('You can keep selling')
  await expect(page.getByTestId('sync-last')).toContainText('Last in touch with the chain')

  await chain.relay.start()
  await expect(bar).toHaveAttribute('data-tone', 'synced', { timeout: 45_000 })
  await expect(page.getByTestId('pos-sync')).toHaveCount(0)
})

// Issue 19, item 5: a hold's Sell hands goods over only through a payment, and records a sale.
test('selling a hold takes the payment, prints a receipt and shows in the sales list', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Holds & orders')
  await pickOption(page, 'hold-product', 'Coffee beans')
  await page.getByTestId('hold-customer').fill('Mr Okafor')
  await page.getByTestId('hold-create').click()
  const row = page.getByTestId('holds-table').getByRole('row').filter({ hasText: 'Mr Okafor' })
  await expect(row).toBeVisible()

  await row.getByRole('button', { name: 'Sell' }).click()
  // The payment dialog of the till: Enter completes the cash payment shown.
  await expect(page.getByTestId('confirm-payment')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await expect(page.getByTestId('receipt')).toContainText('Coffee beans')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('holds-table')).not.toContainText('Mr Okafor')

  await openScreen(page, 'Sales & refunds')
  await expect(page.getByTestId('sale-row')).toHaveCount(1)
  expect(errors).toEqual([])
})

// Issue 19: the whole-chain settings take ISO 4217 codes only, behind a confirmation.
test('the currency takes ISO codes only and changes for every store only after a confirmation', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'owner')
  await openScreen(page, 'Settings')
  const currency = page.getByTestId('settings-currency')
  const save = page.getByTestId('settings-org-save')
  await currency.fill('EUO')
  await expect(page.getByText('Not a currency code: use one such as EUR, USD or GBP')).toBeVisible()
  await expect(save).toBeDisabled()
  await currency.fill('USD')
  await save.click()
  const dialog = page.getByRole('dialog', { name: 'Change the organisation for every store?' })
  await expect(dialog).toContainText('currency EUR → USD')
  // "Go back" has focus: a stray Enter changes nothing.
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Organisation saved')).toHaveCount(0)
  await save.click()
  await page.getByTestId('confirm-unusual').click()
  await expect(page.getByText(/Organisation saved/)).toBeVisible()
  expect(errors).toEqual([])
})

// Issue 19, item 7: a transfer the store cannot make says why, instead of a silently dead button.
test('a transfer of 9,999 says why it cannot be sent', async ({ page, chain }) => {
  const errors = failOnPageErrors(page)
  await page.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(page, 'manager')
  await openScreen(page, 'Transfers')
  await page.getByRole('tab', { name: 'Transfer' }).click()
  const submit = page.getByTestId('transfer-submit')
  await expect(page.getByTestId('transfer-blocker')).toHaveText('Pick a product.')
  await pickOption(page, 'transfer-product', 'Olive oil')
  await expect(page.getByTestId('transfer-blocker')).toHaveText('Pick the store to send to.')
  await page.getByTestId('transfer-to').click()
  await page.getByRole('option', { name: /Harbour Road/ }).click()
  await page.getByTestId('transfer-qty').fill('9999')
  await expect(page.getByTestId('transfer-qty')).toHaveValue('9999') // as typed, never clamped
  await expect(page.getByTestId('transfer-blocker')).toContainText(
    /^Only \d+ here: this store can send at most that\.$/,
  )
  await expect(submit).toBeDisabled()
  await page.getByTestId('transfer-qty').fill('2')
  await expect(page.getByTestId('transfer-blocker')).toHaveCount(0)
  await expect(submit).toBeEnabled()
  expect(errors).toEqual([])
})

test('while a cart is paid for its units are held: nothing else at the till takes them, Escape gives them back', async ({
  browser,
  chain,
}) => {
  const a = await browser.newPage()
  const errors = failOnPageErrors(a)
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'cashier', 'pin')
  // Tea lights: High Street may sell 2. The cashier sells both; the card terminal is running.
  await scan(a, '2*4006381334044')
  await a.keyboard.press('F6')
  await expect(a.getByTestId('confirm-payment')).toBeVisible()

  // Meanwhile a manager at the same till tries to put one aside for a customer: refused.
  const m = await browser.newPage()
  errors.push(...failOnPageErrors(m))
  await m.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(m, 'manager')
  await openScreen(m, 'Holds & orders')
  await expect(m.getByTestId('holds-table')).toContainText('Payment in progress')
  await pickOption(m, 'hold-product', 'Tea lights')
  await m.getByTestId('hold-customer').fill('Mrs Jones')
  await m.getByTestId('hold-create').click()
  await expect(m.getByText('Not enough stock of this product at this store.')).toBeVisible()

  // The customer changes their mind: Escape closes the payment and the units are free again.
  await a.keyboard.press('Escape')
  await expect(a.getByTestId('confirm-payment')).toHaveCount(0)
  await expect(m.getByTestId('holds-table')).not.toContainText('Payment in progress')
  await m.getByTestId('hold-create').click() // the same form, as it was left
  await expect(m.getByTestId('holds-table')).toContainText('Mrs Jones')

  // Now only one is left here: Pay is refused before any tender, the cart and its lines stay.
  await a.getByTestId('scan-input').focus()
  await a.keyboard.press('F6')
  await expect(a.getByTestId('out-of-stock')).toContainText('no payment taken')
  await expect(a.getByTestId('confirm-payment')).toHaveCount(0)
  expect(errors).toEqual([])
})
