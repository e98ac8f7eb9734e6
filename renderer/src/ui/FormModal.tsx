import { Modal, Stack } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import type { ReactNode } from 'react'
import { ModalFooter } from './ModalFooter.tsx'

/** A dialog's words: its title, its action's label, and the action button's test id. */
export interface FormModalText {
  title: string
  confirm: string
  testId?: string
}

/**
 * A dialog that is one form: its fields, then Cancel and the action (Enter in a field submits);
 * the action is busy while the store has not answered.
 */
export function FormModal<V>(props: {
  opened: boolean
  onClose: () => void
  form: UseFormReturnType<V>
  submit: (values: V) => unknown
  action?: { pending: boolean }
  text: FormModalText
  disabled?: boolean
  size?: string
  children: ReactNode
}) {
  const { text } = props
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={text.title} size={props.size} centered>
      <form onSubmit={props.form.onSubmit((values) => void props.submit(values))}>
        <Stack gap="sm">
          {props.children}
          <ModalFooter
            onCancel={props.onClose}
            submit
            confirmLabel={text.confirm}
            pending={props.action?.pending ?? false}
            disabled={props.disabled ?? false}
            {...(text.testId ? { testId: text.testId } : {})}
          />
        </Stack>
      </form>
    </Modal>
  )
}
