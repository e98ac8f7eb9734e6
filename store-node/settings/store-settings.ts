import type { PaperWidth } from '../../shared/api/receipt/receipt-text.ts'
import type { KeyValue } from '../db/kv.ts'

/**
 * Settings of this till, kept in its own database (`kv`, key `store-settings`): they describe how
 * this till behaves and are not replicated. The organisation's name and currency live in the
 * document's `meta` instead (shared by every store).
 */
export interface StoreSettings {
  receiptHeader: string
  /** Rebalancing: units per product this till keeps before it grants requests. */
  floor: number
  /** Rebalancing: the minimum low-water mark. */
  lowWaterMinimum: number
  /** This till's network receipt printer (ESC/POS over TCP); null: the OS print dialog only. */
  printer: { host: string; port: number } | null
  paperWidth: PaperWidth
}

const KEY = 'store-settings'

export const defaultStoreSettings: StoreSettings = {
  receiptHeader: '',
  floor: 0,
  lowWaterMinimum: 1,
  printer: null,
  paperWidth: '80mm',
}

export function readStoreSettings(kv: KeyValue): StoreSettings {
  return { ...defaultStoreSettings, ...kv.get<Partial<StoreSettings>>(KEY) }
}

/** True when a manager has saved rebalancing thresholds (they then win over built-in defaults). */
export function storedRebalanceOverrides(kv: KeyValue): { floor?: number; minimum?: number } {
  const stored = kv.get<Partial<StoreSettings>>(KEY) ?? {}
  const out: { floor?: number; minimum?: number } = {}
  if (typeof stored.floor === 'number') out.floor = stored.floor
  if (typeof stored.lowWaterMinimum === 'number') out.minimum = stored.lowWaterMinimum
  return out
}

export function writeStoreSettings(kv: KeyValue, patch: Partial<StoreSettings>): StoreSettings {
  const next = {
    ...kv.get<Partial<StoreSettings>>(KEY),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  }
  kv.set(KEY, next)
  return readStoreSettings(kv)
}
