import { Button } from '@mantine/core'
import type { ReactNode } from 'react'

/** The submit button at the end of a one-row form, level with the inputs (below their labels). */
export function InlineSubmit(props: {
  pending: boolean
  disabled?: boolean
  testId?: string
  children: ReactNode
}) {
  return (
    <Button
      type="submit"
      mt={25}
      loading={props.pending}
      disabled={props.disabled ?? false}
      data-testid={props.testId}
    >
      {props.children}
    </Button>
  )
}
