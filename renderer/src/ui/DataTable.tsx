import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** One column of a DataTable: its header and how a row shows in it. */
export interface Column<R> {
  header: ReactNode
  cell: (row: R) => ReactNode
  /** Numbers are right-aligned in tabular figures. */
  numeric?: boolean
  width?: number
}

/** What a DataTable shows; a TableCard takes the same. */
export type DataTableProps<R> = TableOptions<R> & RowKey<R>

/** Rows with an `id` are keyed by it; other rows say what identifies them. */
type RowKey<R> = R extends { id: string } ? { rowKey?: (row: R) => string } : { rowKey: (row: R) => string }

interface TableOptions<R> {
  columns: readonly Column<R>[]
  rows: readonly R[] | undefined
  empty: string
  loading?: boolean
  error?: string | undefined
  testId?: string
  rowTestId?: string | ((row: R) => string)
  /** Rows shown faded (a disabled user, a retired till). */
  dimRow?: (row: R) => boolean
  onRowActivate?: (row: R) => void
  selectedKey?: string | undefined
  loadMore?: { label: string; onClick: () => void } | undefined
  stickyHeader?: boolean
  /** Fixed column widths (long names truncate instead of widening the table). */
  fixedLayout?: boolean
}

/**
 * The table every list uses: headers, rows, a loader while the first answer is awaited, a sentence
 * when there is nothing, the store's refusal, and "Load more" for paged lists. Rows that open
 * something are reachable by Tab and open with Enter or Space, so no action needs a mouse.
 */
export function DataTable<R>(props: DataTableProps<R>) {
  const { columns, rows, onRowActivate, selectedKey } = props
  const rowKey = props.rowKey ?? ((row: R) => (row as { id: string }).id)
  const loading = props.loading ?? rows === undefined
  return (
    <>
      {props.error ? (
        <Alert color="red" variant="light" mb="sm">
          {props.error}
        </Alert>
      ) : null}
      <Table
        striped={!onRowActivate}
        highlightOnHover={Boolean(onRowActivate)}
        stickyHeader={props.stickyHeader ?? false}
        layout={props.fixedLayout ? 'fixed' : undefined}
        verticalSpacing="xs"
        data-testid={props.testId}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i} ta={c.numeric ? 'right' : undefined} w={c.width}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows ?? []).map((row) => {
            const key = rowKey(row)
            const activate = onRowActivate ? () => onRowActivate(row) : undefined
            return (
              <Table.Tr
                key={key}
                data-testid={typeof props.rowTestId === 'function' ? props.rowTestId(row) : props.rowTestId}
                opacity={props.dimRow?.(row) ? 0.6 : undefined}
                {...(activate
                  ? {
                      onClick: activate,
                      tabIndex: 0,
                      'aria-selected': selectedKey === key,
                      onKeyDown: (e: React.KeyboardEvent) => {
                        if (e.key !== 'Enter' && e.key !== ' ') return
                        e.preventDefault()
                        activate()
                      },
                      style: { cursor: 'pointer' },
                      bg: selectedKey === key ? 'var(--mantine-color-teal-0)' : undefined,
                    }
                  : {})}
              >
                {columns.map((c, i) => (
                  <Table.Td
                    key={i}
                    ta={c.numeric ? 'right' : undefined}
                    className={c.numeric ? 'num' : undefined}
                  >
                    {c.cell(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {loading ? (
        <Group justify="center" p="md">
          <Loader size="sm" aria-label="Loading" />
        </Group>
      ) : null}
      {!loading && rows && rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {props.empty}
        </Text>
      ) : null}
      {!loading && props.loadMore ? (
        <Group justify="center" p="sm">
          <Button variant="subtle" onClick={props.loadMore.onClick}>
            {props.loadMore.label}
          </Button>
        </Group>
      ) : null}
    </>
  )
}
