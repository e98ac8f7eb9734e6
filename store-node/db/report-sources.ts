import type * as Y from 'yjs'
import {
  getReplicas,
  getStores,
  readProduct,
  readProductNumber,
  readReplica,
  readStore,
} from '../../shared/core/schema.ts'
import { isTimeZone, localTime } from '../../shared/api/receipt/time-zone.ts'
import type { ReportSources } from './report-days.ts'

/**
 * What the report totals read of the document: an event's day in its store's time zone (the one
 * its receipts print in, or the date its till's clock wrote when the store has none set), the
 * store of a till, and a product's tax rate and catalog cost now.
 */
export function reportSources(doc: Y.Doc): ReportSources {
  // replica -> its store and that store's zone ('' for none), dropped when a store or replica changes
  const tills = new Map<string, { storeId: string; zone: string }>()
  const forget = () => tills.clear()
  getStores(doc).observeDeep(forget)
  getReplicas(doc).observeDeep(forget)
  const tillOf = (replicaId: string) => {
    let till = tills.get(replicaId)
    if (till === undefined) {
      const storeId = readReplica(doc, replicaId)?.storeId
      const tz = storeId === undefined ? undefined : readStore(doc, storeId)?.timeZone
      till = { storeId: storeId ?? replicaId, zone: tz !== undefined && isTimeZone(tz) ? tz : '' }
      tills.set(replicaId, till)
    }
    return till
  }
  // events come in runs at the same minute: the day of a zone and minute is computed once
  const days = new Map<string, string>()
  return {
    dayOf(replicaId, at) {
      const { zone } = tillOf(replicaId)
      if (zone === '') return at.slice(0, 10)
      const key = `${zone} ${at.slice(0, 16)}${at.slice(23)}`
      let day = days.get(key)
      if (day === undefined) {
        if (days.size > 10_000) days.clear()
        day = localTime(at, zone).date
        days.set(key, day)
      }
      return day
    },
    storeOf: (replicaId) => tillOf(replicaId).storeId,
    rateOf: (productId) => readProduct(doc, productId)?.taxRate,
    catalogCostOf: (productId) => readProductNumber(doc, productId, 'costMinor'),
  }
}
