import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty } from './fields.ts'

// Health, backups, restore and diagnostics of this store node.

export const systemInputs = {
  'system.health': empty,
  'system.backup': empty,
  'system.backups': empty,
  'system.restore': z.union([
    z.strictObject({
      file: z.string().regex(/^allot-[A-Za-z0-9-]+\.db$/, 'a backup file name from system.backups'),
    }),
    z.strictObject({ cancel: z.literal(true) }),
  ]),
  'system.diagnostics': empty,
} as const

export interface SystemOutputs {
  'system.health': V.HealthView
  'system.backup': V.BackupView
  'system.backups': V.BackupListView
  'system.restore': V.RestoreScheduleView
  'system.diagnostics': V.DiagnosticsView
}

export const systemAccess = {
  'system.health': 'public',
  'system.backup': 'manager',
  'system.backups': 'manager',
  'system.restore': 'owner',
  'system.diagnostics': 'manager',
} as const satisfies Record<keyof typeof systemInputs, Access>
