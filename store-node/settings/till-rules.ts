import type { TillRulesView } from '../../shared/api/views.ts'
import type { KeyValue } from '../db/kv.ts'

/** The rules cashiers work under at this till (drawer, refunds, idle lock): kept in its own database. */
const KEY = 'till-rules'

export const defaultTillRules: TillRulesView = {
  requireShift: false,
  blindClose: false,
  overShortLimitMinor: 500,
  refundApprovalAboveMinor: 0,
  refundApprovalAfterDays: 0,
  otherStoreRefundNeedsApproval: false,
  idleLockMinutes: 0,
  defaultTender: 'cash',
  cashierDiscountLimitBp: 1000,
  managerDiscountLimitBp: 10_000,
}

/**
 * Read at every checkout and refund (does the till require a shift?): kept in memory per database,
 * forgotten at each write so a rolled-back write is never what the till goes by.
 */
const cached = new WeakMap<KeyValue, TillRulesView>()

export function readTillRules(kv: KeyValue): TillRulesView {
  let rules = cached.get(kv)
  if (!rules) {
    rules = { ...defaultTillRules, ...kv.get<Partial<TillRulesView>>(KEY) }
    cached.set(kv, rules)
  }
  return rules
}

export function writeTillRules(kv: KeyValue, patch: Partial<TillRulesView>): TillRulesView {
  const next = {
    ...kv.get<Partial<TillRulesView>>(KEY),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  }
  kv.set(KEY, next)
  cached.delete(kv)
  return readTillRules(kv)
}
