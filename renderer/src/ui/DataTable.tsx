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
export type DataTableProps<R> = TableOptions<R>

/** A list query's answer, as the query hooks give it: the table takes rows, loading and refusal from it. */
export interface ListSource<R> {
  /** A `useStoreQuery` answer with items… */
  data?: { items: readonly R[] } | undefined
  /** …or a `useStorePagedQuery`'s items, with its paging. */
  items?: readonly R[]
  loading?: boolean
  error?: string | undefined
  hasMore?: boolean
  loadMore?: () => void
}

interface TableOptions<R> {
  columns: readonly Column<R>[]
  /** The rows; or `source`, a list query whose items, loading, refusal and paging the table shows. */
  rows?: readonly R[] | undefined
  source?: ListSource<R>
  /** What identifies a row; rows with a string `id` need none. */
  rowKey?: (row: R) => string
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

/** The key of a row that has an `id`; a table of other rows must say its `rowKey`. */
function idOf(row: unknown): string {
  const id = (row as { id?: unknown }).id
  if (typeof id !== 'string') throw new Error('DataTable: these rows have no id; give a rowKey')
  return id
}

/**
 * The table every list uses: headers, rows, a loader while the first answer is awaited, a sentence
 * when there is nothing, the store's refusal, and "Load more" for paged lists. Rows that open
 * something are reachable by Tab and open with Enter or Space, so no action needs a mouse.
 */
export function DataTable<R>(props: DataTableProps<R>) {
  const { columns, onRowActivate, selectedKey, source } = props
  const rows = props.rows ?? source?.items ?? source?.data?.items
  const rowKey = props.rowKey ?? idOf
  const loading = props.loading ?? source?.loading ?? rows === undefined
  const error = props.error ?? source?.error
  const loadMore =
    props.loadMore ??
    (source?.hasMore && source.loadMore ? { label: 'Load more', onClick: source.loadMore } : undefined)
  return (
    <>
      {error ? (
        <Alert color="red" variant="light" mb="sm">
          {error}
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
      {!loading && loadMore ? (
        <Group justify="center" p="sm">
          <Button variant="subtle" onClick={loadMore.onClick}>
            {loadMore.label}
          </Button>
        </Group>
      ) : null}
    </>
  )
}
