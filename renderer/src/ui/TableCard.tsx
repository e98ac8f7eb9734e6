import type { ReactNode } from 'react'
import { DataTable, type DataTableProps } from './DataTable.tsx'
import { TitledCard } from './TitledCard.tsx'

/** A titled card that is one list: the title (controls on its right), the table, what follows. */
export function TableCard<R>(props: {
  title: string
  actions?: ReactNode
  table: DataTableProps<R>
  children?: ReactNode
}) {
  return (
    <TitledCard title={props.title} actions={props.actions}>
      <DataTable {...props.table} />
      {props.children}
    </TitledCard>
  )
}
