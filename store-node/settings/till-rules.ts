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
}

export function readTillRules(kv: KeyValue): TillRulesView {
  return { ...defaultTillRules, ...kv.get<Partial<TillRulesView>>(KEY) }
}

export function writeTillRules(kv: KeyValue, patch: Partial<TillRulesView>): TillRulesView {
  const next = {
    ...kv.get<Partial<TillRulesView>>(KEY),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  }
  kv.set(KEY, next)
  return readTillRules(kv)
}
