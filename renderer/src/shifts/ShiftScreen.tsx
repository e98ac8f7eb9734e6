import { Alert, Stack } from '@mantine/core'
import { useState } from 'react'
import type { ShiftReportView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { CashMoves } from './CashMoves.tsx'
import { CloseShift } from './CloseShift.tsx'
import { OpenShift } from './OpenShift.tsx'
import { ShiftReport } from './ShiftReport.tsx'
import { ShiftList } from './ShiftList.tsx'
import { hasRole, useSession } from '../app/session-context.tsx'

/** The till's drawer: open with a float, pay in and out, X report, count and close (Z report). */
export function ShiftScreen() {
  const { user } = useSession()
  const current = useStoreQuery('shifts.current', {}, { refreshOn: ['sale.recorded'] })
  const [closed, setClosed] = useState<ShiftReportView>()
  const shift = current.data?.shift ?? null
  return (
    <Stack gap="md">
      <PageHeader
        title="Shift & drawer"
        subtitle="Open the drawer with a float, record cash in and out, and count it at the end of the shift."
      />
      {current.error ? <Alert color="red">{current.error}</Alert> : null}
      {closed ? <ShiftReport report={closed} title="Z report: shift closed" /> : null}
      {current.data && !shift ? <OpenShift onOpened={() => setClosed(undefined)} /> : null}
      {shift ? (
        <>
          <ShiftReport report={shift} title="X report: the shift so far" />
          <CashMoves />
          <CloseShift onClosed={setClosed} />
        </>
      ) : null}
      {hasRole(user, 'manager') ? <ShiftList /> : null}
    </Stack>
  )
}
