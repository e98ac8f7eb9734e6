import { Badge } from '@mantine/core'

/** How one state of a record shows: its colour and the word staff read. */
export interface StateLook {
  color: string
  label: string
}

/** A record's state as a light badge, from a table of looks keyed by state. */
export function StateBadge<S extends string>({ state, looks }: { state: S; looks: Record<S, StateLook> }) {
  return (
    <Badge color={looks[state].color} variant="light">
      {looks[state].label}
    </Badge>
  )
}
