import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty } from './fields.ts'

// Health, backups, restore and diagnostics of this store node.

export const systemMethods = {
  'system.health': method('public', empty, returns<V.HealthView>()),
  'system.backup': method('manager', empty, returns<V.BackupView>()),
  'system.backups': method('manager', empty, returns<V.BackupListView>()),
  'system.restore': method(
    'owner',
    z.union([
      z.strictObject({
        file: z.string().regex(/^allot-[A-Za-z0-9-]+\.db$/, 'a backup file name from system.backups'),
      }),
      z.strictObject({ cancel: z.literal(true) }),
    ]),
    returns<V.RestoreScheduleView>(),
  ),
  'system.diagnostics': method('manager', empty, returns<V.DiagnosticsView>()),
} as const
