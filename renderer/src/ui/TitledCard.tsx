import { Group, Paper, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** A card with a title (controls on its right, optional), what it holds (optional), and its content. */
export function TitledCard(props: {
  title: string
  actions?: ReactNode
  intro?: ReactNode
  children: ReactNode
}) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb={props.intro ? 'xs' : 'sm'}>
        <Text fw={700}>{props.title}</Text>
        {props.actions}
      </Group>
      {props.intro ? (
        <Text size="sm" c="dimmed" mb="sm">
          {props.intro}
        </Text>
      ) : null}
      {props.children}
    </Paper>
  )
}
