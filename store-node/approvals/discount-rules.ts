import { discountOf, lineBaseMinor, mulDivRound, type DiscountSpec } from '../../shared/core/money.ts'
import type { Role } from '../../shared/api/roles.ts'
import type { TillRulesView } from '../../shared/api/views.ts'

export interface DiscountedLine {
  qty: number
  /** The price is for this many units (grams of a product sold by weight: 1,000). */
  pricePer?: number | undefined
  /** The catalog price. */
  listPriceMinor: number
  /** An overridden price, when the cashier typed one. */
  unitPriceMinor?: number | undefined
  discount?: DiscountSpec | undefined
}

export interface DiscountShare {
  /** The sale's amount at catalog prices. */
  listMinor: number
  /** What overrides and discounts take off it. */
  givenMinor: number
  /** Percentage discounts among them (each may round up by less than one minor unit). */
  percentages: number
}

/** What a sale's overrides and discounts give away of its list amount. */
export function discountShare(lines: readonly DiscountedLine[], basket?: DiscountSpec): DiscountShare {
  let list = 0
  let charged = 0
  let percentages = basket && 'percentBp' in basket ? 1 : 0
  for (const l of lines) {
    list += lineBaseMinor({ ...l, unitPriceMinor: l.listPriceMinor })
    const priced = lineBaseMinor({ ...l, unitPriceMinor: l.unitPriceMinor ?? l.listPriceMinor })
    charged += priced - (l.discount ? discountOf(l.discount, priced) : 0)
    if (l.discount && 'percentBp' in l.discount) percentages++
  }
  if (basket) charged -= discountOf(basket, charged)
  return { listMinor: list, givenMinor: Math.max(0, list - charged), percentages }
}

/**
 * Within a limit of `limitBp` of the list amount. A percentage typed at the limit always is: its
 * rounding (half up, under one minor unit each) does not count against the seller.
 */
export function withinLimit(share: DiscountShare, limitBp: number): boolean {
  return (
    BigInt(share.givenMinor) * 10_000n <=
    BigInt(share.listMinor) * BigInt(limitBp) + BigInt(share.percentages) * 10_000n
  )
}

/** The share in basis points, for messages (rounded half up). */
export function shareBp(share: DiscountShare): number {
  return share.listMinor <= 0 ? 0 : mulDivRound(share.givenMinor, 10_000, share.listMinor)
}

/** The most a role may give away without another's PIN (owners: everything). */
export function discountLimitBp(rules: TillRulesView, role: Role): number {
  if (role === 'owner') return 10_000
  return role === 'manager' ? rules.managerDiscountLimitBp : rules.cashierDiscountLimitBp
}
