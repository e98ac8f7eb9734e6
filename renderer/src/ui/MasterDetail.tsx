import { Grid, Paper, ScrollArea, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { DataTable, type DataTableProps } from './DataTable.tsx'

/**
 * A list on the left and what is picked on the right (or a sentence saying what to pick). Rows
 * open with a click, or Tab and Enter: nothing needs a mouse.
 */
export function MasterDetail<R>(props: {
  table: Omit<DataTableProps<R>, 'onRowActivate' | 'selectedKey'>
  selected: string | undefined
  onSelect: (row: R) => void
  detail: ReactNode
  placeholder: string
  /** The list's share of 12 columns on wide screens. */
  span?: number
  /** A long list scrolls in its own area. */
  scroll?: boolean
}) {
  const span = props.span ?? 5
  const table = <DataTable {...props.table} onRowActivate={props.onSelect} selectedKey={props.selected} />
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: span }}>
        <Paper withBorder>
          {props.scroll ? (
            <ScrollArea h="calc(100vh - 220px)" type="auto">
              {table}
            </ScrollArea>
          ) : (
            table
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 12 - span }}>
        {props.selected !== undefined && props.detail ? (
          props.detail
        ) : (
          <Paper withBorder p="xl">
            <Text c="dimmed" ta="center">
              {props.placeholder}
            </Text>
          </Paper>
        )}
      </Grid.Col>
    </Grid>
  )
}
