import { loopbackPrinter } from '../../tools/cluster/loopback-printer.ts'
import {
  approveAsManager,
  expect,
  failOnPageErrors,
  login,
  openScreen,
  pickOption,
  scan,
  screenshot,
  test,
} from './support/fixtures.ts'

// Issue 20: a manager gives the till a network printer and the store's details; a sale's receipt
// and its refund's receipt print there as ESC/POS, from the receipt and from the sales list.
test('receipts and refund receipts print on the till’s network printer set in the settings', async ({
  page,
  solo,
}) => {
  const printer = await loopbackPrinter()
  try {
    const errors = failOnPageErrors(page)
    await page.goto(solo.pageUrl)
    await login(page, 'manager')
    await openScreen(page, 'Settings')
    await page.getByRole('tab', { name: 'Receipts & printer' }).click()
    await page.getByTestId('receipt-business').fill('Green Grocers GmbH')
    await page.getByTestId('printer-host').fill('127.0.0.1')
    await page.getByTestId('printer-port').fill(String(printer.port))
    await page.getByTestId('receipt-settings-save').click()
    await expect(page.getByText('Receipt settings saved')).toBeVisible()
    await screenshot(page, 'settings-receipts-printer')

    await openScreen(page, 'Checkout')
    await scan(page, '2*4006381333931')
    await page.keyboard.press('F4')
    await expect(page.getByTestId('tendered')).toBeFocused()
    await page.keyboard.press('Enter')
    await page.getByTestId('print-network').click()
    await expect.poll(() => printer.jobs.length).toBe(1)
    const sale = printer.jobs[0]!.toString('latin1')
    expect(sale).toContain('Green Grocers GmbH')
    expect(sale).toContain('Whole milk')
    expect(printer.jobs[0]![0]).toBe(0x1b) // ESC @ starts the job
    await page.getByTestId('next-sale').click()

    // The refund's own receipt, from the sales list.
    await openScreen(page, 'Sales & refunds')
    await page.getByTestId('sale-row').first().click()
    await page.getByRole('tab', { name: 'Refund' }).click()
    await page.getByLabel('Return Whole milk 1 L').fill('1')
    await page.getByRole('button', { name: 'Refund', exact: true }).click()
    await page.getByTestId('refund-done').getByTestId('print-network').click()
    await expect.poll(() => printer.jobs.length).toBe(2)
    expect(printer.jobs[1]!.toString('latin1')).toContain('REFUND')

    // A cashier takes goods back without a receipt: a manager's PIN first, then its own slip.
    await page.getByRole('button', { name: 'Switch cashier' }).click()
    await login(page, 'cashier', 'pin')
    await openScreen(page, 'Sales & refunds')
    await page.getByTestId('return-open').click()
    await pickOption(page, 'return-product', 'Whole milk')
    await page.getByTestId('return-add').click()
    await expect(page.getByTestId('return-line')).toContainText('Whole milk')
    await page.getByTestId('return-reason').fill('gift, no receipt')
    await page.getByTestId('return-confirm').click()
    await expect(page.getByTestId('approval-reason')).toContainText("manager's PIN")
    await approveAsManager(page)
    const done = page.getByTestId('return-done')
    await expect(done).toContainText('recorded')
    await screenshot(page, 'return-without-receipt')
    await done.getByTestId('print-network').click()
    await expect.poll(() => printer.jobs.length).toBe(3)
    const slip = printer.jobs[2]!.toString('latin1')
    expect(slip).toContain('REFUND')
    expect(slip).toContain('gift, no receipt')
    expect(errors).toEqual([])
  } finally {
    await printer.close()
  }
})
