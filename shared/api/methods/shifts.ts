import { z } from 'zod'
import { cashMoveKinds } from '../../core/events.ts'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { approval, denominations, empty, id, idempotencyKey, minor, page, text } from './fields.ts'

// The till's drawer from opening float to Z report.

export const shiftsInputs = {
  'shifts.current': empty,
  'shifts.open': z.strictObject({
    idempotencyKey,
    floatMinor: minor.optional(),
    denominations: denominations.optional(),
  }),
  'shifts.moveCash': z.strictObject({
    idempotencyKey,
    kind: z.enum(cashMoveKinds),
    amountMinor: minor.default(0),
    reason: text(64),
    note: text(500).optional(),
  }),
  'shifts.report': z.strictObject({ shiftId: id.optional() }),
  'shifts.close': z.strictObject({
    idempotencyKey,
    countedMinor: minor.optional(),
    denominations: denominations.optional(),
    approval: approval.optional(),
  }),
  'shifts.list': z.strictObject({ scope: z.enum(['till', 'store', 'chain']).default('till'), ...page }),
} as const

export interface ShiftsOutputs {
  'shifts.current': { shift: V.ShiftReportView | null }
  'shifts.open': V.ShiftReportView
  'shifts.moveCash': V.EventRef
  'shifts.report': V.ShiftReportView
  'shifts.close': V.ShiftReportView
  'shifts.list': { items: V.ShiftReportView[] }
}

export const shiftsAccess = {
  'shifts.current': 'cashier',
  'shifts.open': 'cashier',
  'shifts.moveCash': 'cashier',
  'shifts.report': 'cashier',
  'shifts.close': 'cashier',
  'shifts.list': 'manager',
} as const satisfies Record<keyof typeof shiftsInputs, Access>
