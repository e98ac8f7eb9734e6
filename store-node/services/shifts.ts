import type { ShiftOpenEvent } from '../../shared/core/events.ts'
import { readReplica } from '../../shared/core/schema.ts'
import { countedTotal, shiftFigures } from '../../shared/core/shift-report.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { roleAllows, type Role } from '../../shared/api/roles.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { readTillRules } from '../settings/till-rules.ts'
import type { ShiftEventRow } from '../queries/shift-queries.ts'
import { storeNameOf, userName } from '../api/views.ts'
import type { Approver, ManagerApproval } from '../approvals/manager-approval.ts'
import { eventRef } from './stock.ts'
import { writeOnce } from '../api/write-once.ts'

/** The open shift of this till, if any. */
export function currentShift(ctx: NodeContext): ShiftEventRow<ShiftOpenEvent> | undefined {
  const me = ctx.identity().replicaId
  const [latest] = ctx.store.shifts.openings(me, 1)
  return latest && !ctx.store.shifts.hasEnded(me, latest.event) ? latest : undefined
}

/** Refuses taking or paying back money without an open shift, when the store requires one. */
export function assertShiftIfRequired(ctx: NodeContext): void {
  if (readTillRules(ctx.kv).requireShift && !currentShift(ctx))
    throw new ApiError('SHIFT_CLOSED', 'Open a shift on this till before taking or paying back money')
}

function requireOpenShift(ctx: NodeContext): ShiftEventRow<ShiftOpenEvent> {
  const shift = currentShift(ctx)
  if (!shift) throw new ApiError('SHIFT_CLOSED', 'No shift is open on this till')
  return shift
}

function reportView(ctx: NodeContext, row: ShiftEventRow<ShiftOpenEvent>, viewer: Role): V.ShiftReportView {
  const events = ctx.store.shifts.eventsOf(row.replicaId, row.event)
  const figures = shiftFigures(
    row.event,
    events,
    (saleId) => ctx.store.ledger.event(saleId, 'sale')?.event.payment.method,
  )
  const open = figures.close === undefined
  // A blind close hides the expected cash from the cashier until the drawer is counted.
  const hidden = open && readTillRules(ctx.kv).blindClose && !roleAllows(viewer, 'manager')
  return {
    ...figures,
    expectedCashMinor: hidden ? null : figures.expectedCashMinor,
    replicaId: row.replicaId,
    storeName: storeNameOf(ctx, row.replicaId),
    openedByName: userName(ctx, figures.openedBy),
    open,
    ...(figures.close ? { closedByName: userName(ctx, figures.close.closedBy) } : {}),
    ...(figures.close?.approvedBy ? { approvedByName: userName(ctx, figures.close.approvedBy) } : {}),
  }
}

/** The amount counted: the denominations' total, or the figure typed (both must then agree). */
function countedAmount(
  field: string,
  amountMinor: number | undefined,
  denominations: Record<string, number> | undefined,
): number {
  const fromCount = denominations ? countedTotal(denominations) : undefined
  if (fromCount !== undefined && amountMinor !== undefined && fromCount !== amountMinor)
    throw new ApiError('VALIDATION', 'The coins and notes counted do not add up to the amount entered', {
      issues: [{ path: field, message: 'does not match the coins and notes counted' }],
    })
  const amount = amountMinor ?? fromCount
  if (amount === undefined)
    throw new ApiError('VALIDATION', 'Enter the amount, or count the coins and notes', {
      issues: [{ path: field, message: 'Required' }],
    })
  return amount
}

export function shiftHandlers(
  ctx: NodeContext,
  approve: ManagerApproval,
): Pick<
  Handlers,
  'shifts.current' | 'shifts.open' | 'shifts.moveCash' | 'shifts.report' | 'shifts.close' | 'shifts.list'
> {
  const me = () => ctx.identity().replicaId

  return {
    'shifts.current': (_input, call) => {
      const shift = currentShift(ctx)
      return { shift: shift ? reportView(ctx, shift, call.user.role) : null }
    },

    'shifts.open': (input, call) => {
      const floatMinor = countedAmount('floatMinor', input.floatMinor, input.denominations)
      return writeOnce(ctx, 'shifts.open', input, () => {
        const open = currentShift(ctx)
        if (open)
          throw new ApiError('CONFLICT', 'A shift is already open on this till: close it first', {
            shiftId: open.event.id,
          })
        const event = ctx.ops().openShift({
          by: call.user.id,
          floatMinor,
          ...(input.denominations ? { denominations: input.denominations } : {}),
        })
        ctx.logger.info({ user: call.user.username, shiftId: event.id, floatMinor }, 'shift opened')
        return reportView(ctx, { replicaId: me(), event }, call.user.role)
      })
    },

    'shifts.moveCash': (input, call) => {
      if (input.kind !== 'no-sale' && input.amountMinor === 0)
        throw new ApiError('VALIDATION', 'Enter the amount paid in or out', {
          issues: [{ path: 'amountMinor', message: 'must be more than zero' }],
        })
      return writeOnce(ctx, 'shifts.moveCash', input, () => {
        const shift = requireOpenShift(ctx)
        const event = ctx.ops().moveCash({
          by: call.user.id,
          shiftId: shift.event.id,
          kind: input.kind,
          amountMinor: input.amountMinor,
          reason: input.reason,
          ...(input.note ? { note: input.note } : {}),
        })
        return eventRef(me(), event)
      })
    },

    'shifts.report': (input, call) => {
      const row = input.shiftId ? ctx.store.shifts.opening(input.shiftId) : currentShift(ctx)
      if (!row)
        throw new ApiError('NOT_FOUND', input.shiftId ? 'No such shift' : 'No shift is open on this till')
      if (row.replicaId !== me() && !roleAllows(call.user.role, 'manager'))
        throw new ApiError('FORBIDDEN', "Only a manager sees other tills' shifts")
      return reportView(ctx, row, call.user.role)
    },

    'shifts.close': async (input, call) => {
      const countedMinor = countedAmount('countedMinor', input.countedMinor, input.denominations)
      // The PIN is checked before the write (hashing is slow and async); whether it was needed is
      // decided inside it, against the figures at that moment.
      const approver: Approver | undefined = input.approval ? await approve(input.approval) : undefined
      const settings = readTillRules(ctx.kv)
      return writeOnce(ctx, 'shifts.close', input, () => {
        const shift = requireOpenShift(ctx)
        const figures = reportView(ctx, shift, 'manager')
        const expectedMinor = figures.expectedCashMinor ?? 0
        const overShortMinor = countedMinor - expectedMinor
        const beyond = Math.abs(overShortMinor) > settings.overShortLimitMinor
        if (beyond && !approver)
          throw new ApiError(
            'APPROVAL_REQUIRED',
            'The drawer is over or short by more than the store allows: a manager must approve with their PIN',
            {
              reason: 'over-short',
              limitMinor: settings.overShortLimitMinor,
              // A blind count stays blind: the cashier may recount, not aim at a figure.
              ...(settings.blindClose ? {} : { overShortMinor }),
            },
          )
        ctx.ops().closeShift({
          by: call.user.id,
          shiftId: shift.event.id,
          countedMinor,
          expectedMinor,
          blind: settings.blindClose,
          ...(input.denominations ? { denominations: input.denominations } : {}),
          ...(beyond && approver ? { approvedBy: approver.id } : {}),
        })
        ctx.logger.info(
          {
            user: call.user.username,
            shiftId: shift.event.id,
            overShortMinor,
            approvedBy: approver?.username,
          },
          'shift closed',
        )
        return reportView(ctx, shift, call.user.role)
      })
    },

    'shifts.list': (input) => {
      const myStore = ctx.identity().storeId
      const rows =
        input.scope === 'till'
          ? ctx.store.shifts.openings(me(), input.limit, input.offset)
          : ctx.store.shifts
              .openings(undefined, 10_000)
              .filter(
                (r) => input.scope === 'chain' || readReplica(ctx.doc, r.replicaId)?.storeId === myStore,
              )
              .slice(input.offset, input.offset + input.limit)
      return { items: rows.map((r) => reportView(ctx, r, 'manager')) }
    },
  }
}
