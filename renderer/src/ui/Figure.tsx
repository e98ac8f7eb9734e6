import { Stack, Text } from '@mantine/core'

/** A labelled key figure (a total, a count): small caps label, large tabular number. */
export function Figure(props: {
  label: string
  value: string | number
  tone?: string
  testId?: string
  size?: number
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text
        fz={props.size ?? 26}
        fw={700}
        className="num"
        c={props.tone ? `${props.tone}.7` : undefined}
        data-testid={props.testId}
      >
        {props.value}
      </Text>
    </Stack>
  )
}
