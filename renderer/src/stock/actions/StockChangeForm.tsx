import { Group, Stack, Text, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import type { ReactNode } from 'react'
import { InlineSubmit } from '../../ui/InlineSubmit.tsx'
import { useConfirmUnusual } from '../../ui/use-confirm-unusual.tsx'
import type { WholeNumberRule } from '../../ui/whole-number.ts'
import { FormWholeNumber } from '../../ui/WholeNumberField.tsx'
import { unusualDetail, unusualQty } from './stock-rules.ts'

/** What one submit would do: the number asked about when it is unusual, and the store call. */
export interface StockChange {
  amount: number
  question: string
  confirmLabel: string
  send: () => Promise<unknown>
}

/**
 * One change to a product's stock here: a whole number (and the caller's extra fields), a note, and
 * the submit; unusually large numbers are asked about first, and the note clears once it is done.
 */
export function StockChangeForm<V extends { note: string }>(props: {
  form: UseFormReturnType<V>
  intro: string
  field: { name: keyof V & string; label: string; rule: WholeNumberRule; testId: string }
  extra?: ReactNode
  submit: { label: string; pending: boolean; testId?: string }
  change: (values: V) => StockChange
}) {
  const { form, field } = props
  const unusual = useConfirmUnusual(unusualQty, unusualDetail)
  const submit = (values: V) => {
    const change = props.change(values)
    unusual.check(change.amount, change.question, change.confirmLabel, () => {
      void change.send().then((done) => done && form.setFieldValue('note', '' as never))
    })
  }
  return (
    <>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {props.intro}
          </Text>
          <Group align="flex-start">
            <FormWholeNumber form={form} {...field} />
            {props.extra}
            <InlineSubmit
              pending={props.submit.pending}
              disabled={!form.isValid(field.name)}
              {...(props.submit.testId ? { testId: props.submit.testId } : {})}
            >
              {props.submit.label}
            </InlineSubmit>
          </Group>
          <TextInput label="Note (optional)" {...form.getInputProps('note')} />
        </Stack>
      </form>
      {unusual.modal}
    </>
  )
}
