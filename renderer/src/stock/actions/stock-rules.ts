import type { WholeNumberRule } from '../../ui/whole-number.ts'

// The store accepts up to a million units in one step; this many or more is asked to confirm first.
export const unusualQty = 100
export const unusualDetail =
  'This is an unusually large number. Check it against the delivery note or the count.'
export const qtyRule: WholeNumberRule = { min: 1, max: 1_000_000, unit: 'units' }
export const deltaRule: WholeNumberRule = { min: -1_000_000, max: 1_000_000, unit: 'units', nonZero: true }
/** What a stock action changes: the product's stock and the lists that show it. */
export const stockChanges = ['stock.get', 'catalog.get', 'stock.list', 'requests.list'] as const
