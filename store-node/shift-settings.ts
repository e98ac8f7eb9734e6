import type { ShiftSettingsView } from '../shared/api/views.ts'
import type { KeyValue } from './db/kv.ts'

/** How this till runs its drawer: kept in its own database like the other till settings. */
const KEY = 'shift-settings'

export const defaultShiftSettings: ShiftSettingsView = {
  requireShift: false,
  blindClose: false,
  overShortLimitMinor: 500,
}

export function readShiftSettings(kv: KeyValue): ShiftSettingsView {
  return { ...defaultShiftSettings, ...kv.get<Partial<ShiftSettingsView>>(KEY) }
}

export function writeShiftSettings(kv: KeyValue, patch: Partial<ShiftSettingsView>): ShiftSettingsView {
  const next = {
    ...kv.get<Partial<ShiftSettingsView>>(KEY),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  }
  kv.set(KEY, next)
  return readShiftSettings(kv)
}
