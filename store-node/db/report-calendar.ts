import type * as Y from 'yjs'
import { getReplicas, getStores, readProduct, readReplica, readStore } from '../../shared/core/schema.ts'
import { isTimeZone, localTime } from '../../shared/api/receipt/time-zone.ts'
import type { ReportCalendar } from './report-days.ts'

/**
 * The calendar reports add up by: an event's day in its store's time zone (the one its receipts
 * print in), or the date its till's clock wrote when the store has none set.
 */
export function reportCalendar(doc: Y.Doc): ReportCalendar {
  // replica -> its store's zone ('' for none), dropped whenever a store or replica record changes
  const zones = new Map<string, string>()
  const forget = () => zones.clear()
  getStores(doc).observeDeep(forget)
  getReplicas(doc).observeDeep(forget)
  const zoneOf = (replicaId: string): string => {
    let zone = zones.get(replicaId)
    if (zone === undefined) {
      const storeId = readReplica(doc, replicaId)?.storeId
      const tz = storeId === undefined ? undefined : readStore(doc, storeId)?.timeZone
      zone = tz !== undefined && isTimeZone(tz) ? tz : ''
      zones.set(replicaId, zone)
    }
    return zone
  }
  // events come in runs at the same minute: the day of a zone and minute is computed once
  const days = new Map<string, string>()
  return {
    dayOf(replicaId, at) {
      const zone = zoneOf(replicaId)
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
    rateOf: (productId) => readProduct(doc, productId)?.taxRate,
  }
}
