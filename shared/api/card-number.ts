// Card numbers for every side (the till's fields, the store's schemas): one rule.
export { CARD_ID_PATTERN, normaliseCardId } from '../core/balances.ts'
