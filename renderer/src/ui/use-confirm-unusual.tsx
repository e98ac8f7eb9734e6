import { useState, type ReactNode } from 'react'
import { ConfirmModal } from './ConfirmModal.tsx'

/**
 * Large or unusual numbers are asked about before they are sent: `check(amount, …)` goes ahead at
 * once below `limit`, otherwise after the person confirms. Render `modal` once in the form.
 */
export function useConfirmUnusual(
  limit: number,
  detail: string,
): {
  check: (amount: number, question: string, confirmLabel: string, go: () => void) => void
  modal: ReactNode
} {
  const [asking, setAsking] = useState<{ question: string; confirm: string; go: () => void }>()
  const check = (amount: number, question: string, confirmLabel: string, go: () => void) => {
    if (Math.abs(amount) < limit) return go()
    setAsking({ question, confirm: confirmLabel, go })
  }
  const modal = (
    <ConfirmModal
      question={asking?.question}
      detail={detail}
      confirmLabel={asking?.confirm ?? ''}
      onConfirm={() => {
        setAsking(undefined)
        asking?.go()
      }}
      onCancel={() => setAsking(undefined)}
    />
  )
  return { check, modal }
}
