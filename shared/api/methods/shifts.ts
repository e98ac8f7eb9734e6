import { z } from 'zod'
import { cashMoveKinds } from '../../core/events.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { approval, denominations, empty, id, idempotencyKey, minor, page, text } from './fields.ts'

// The till's drawer from opening float to Z report.

export const shiftsMethods = {
  'shifts.current': method('cashier', empty, returns<{ shift: V.ShiftReportView | null }>()),
  'shifts.open': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      floatMinor: minor.optional(),
      denominations: denominations.optional(),
    }),
    returns<V.ShiftReportView>(),
  ),
  'shifts.moveCash': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      kind: z.enum(cashMoveKinds),
      amountMinor: minor.default(0),
      reason: text(64),
      note: text(500).optional(),
    }),
    returns<V.EventRef>(),
  ),
  'shifts.report': method(
    'cashier',
    z.strictObject({ shiftId: id.optional() }),
    returns<V.ShiftReportView>(),
  ),
  'shifts.close': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      countedMinor: minor.optional(),
      denominations: denominations.optional(),
      approval: approval.optional(),
    }),
    returns<V.ShiftReportView>(),
  ),
  'shifts.list': method(
    'manager',
    z.strictObject({ scope: z.enum(['till', 'store', 'chain']).default('till'), ...page }),
    returns<{ items: V.ShiftReportView[] }>(),
  ),
} as const
