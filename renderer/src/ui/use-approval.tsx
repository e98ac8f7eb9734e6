import { useState, type ReactNode } from 'react'
import { isApiError } from '../api/describe-error.ts'
import { ApprovalModal, type Approval } from './ApprovalModal.tsx'

/**
 * An action a manager may have to approve on this till: `run()` tries it; when the store answers
 * APPROVAL_REQUIRED the PIN dialog (`modal`, render it once) asks, and the action runs again with
 * the manager's approval.
 */
export function useApproval(props: {
  attempt: (approval?: Approval) => Promise<{ ok: boolean; error?: unknown }>
  reason: string
  pending: boolean
}): { run: (approval?: Approval) => Promise<void>; asking: boolean; modal: ReactNode } {
  const [asking, setAsking] = useState(false)
  const run = async (approval?: Approval) => {
    const result = await props.attempt(approval)
    setAsking(!result.ok && isApiError(result.error, 'APPROVAL_REQUIRED'))
  }
  const modal = (
    <ApprovalModal
      opened={asking}
      reason={props.reason}
      pending={props.pending}
      onApprove={(approval) => void run(approval)}
      onClose={() => setAsking(false)}
    />
  )
  return { run, asking, modal }
}
