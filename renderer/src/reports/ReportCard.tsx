import { Button, Group, Paper, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** A report's frame: its title, an Export CSV button when `onCsv` is given, and the content. */
export function ReportCard(props: {
  title: string
  csvTestId?: string
  onCsv?: () => void
  children: ReactNode
}) {
  return (
    <Paper withBorder p="lg" h="100%">
      <Group justify="space-between" mb="md">
        <Text fw={700}>{props.title}</Text>
        {props.onCsv ? (
          <Button size="compact-sm" variant="default" onClick={props.onCsv} data-testid={props.csvTestId}>
            Export CSV
          </Button>
        ) : null}
      </Group>
      {props.children}
    </Paper>
  )
}
