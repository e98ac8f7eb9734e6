/**
 * Gift cards and store credit are escrow counters like stock (DESIGN.md §4): a card's balance is
 * the counter `card:<cardId>` in minor units. Issuing adds rights at the issuing till, paying with
 * the card consumes rights the paying till holds, and a till short of a balance requests it like
 * stock. So a balance never goes below zero on any replica, whatever the partitions.
 */
export const BALANCE_PREFIX = 'card:'

/** Card numbers as printed and scanned: letters, digits and dashes. */
export const CARD_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,39}$/

export const balanceKinds = ['gift-card', 'store-credit'] as const
export type BalanceKind = (typeof balanceKinds)[number]

export const balanceKey = (cardId: string): string => BALANCE_PREFIX + cardId

/** True for a card balance's counter; never a product id (events refuse that). */
export const isBalanceKey = (key: string): boolean => key.startsWith(BALANCE_PREFIX)

export const cardIdOf = (key: string): string => key.slice(BALANCE_PREFIX.length)

/** A card number as typed: upper-case, spaces removed. */
export const normaliseCardId = (typed: string): string => typed.replace(/\s+/g, '').toUpperCase()
