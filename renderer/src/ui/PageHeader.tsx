import { Group, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** Title, one line saying what the screen is for, and actions on the right. */
export function PageHeader({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: string
  children?: ReactNode
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {subtitle ? (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        ) : null}
      </Stack>
      <Group gap="sm">{children}</Group>
    </Group>
  )
}
