import { Button } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { minorToInput } from '../format/money.ts'
import { CoinCountModal } from './CoinCountModal.tsx'

/**
 * Counting an amount by coin and note for a money field: the button that opens the count, the
 * dialog, and the counts to send while the field still holds their total.
 */
export function useCoinCount(
  currency: string,
  amountMinor: number | undefined,
  setAmountText: (text: string) => void,
): { button: ReactNode; modal: ReactNode; counted: { denominations?: Record<string, number> } } {
  const [counting, setCounting] = useState(false)
  const [count, setCount] = useState<{ totalMinor: number; counts: Record<string, number> }>()
  const counted = count && count.totalMinor === amountMinor ? { denominations: count.counts } : {}
  const button = (
    <Button variant="subtle" mt={25} onClick={() => setCounting(true)} data-testid="coins-open">
      Count coins and notes
    </Button>
  )
  const modal = (
    <CoinCountModal
      opened={counting}
      currency={currency}
      onDone={(totalMinor, counts) => {
        setCount({ totalMinor, counts })
        setAmountText(minorToInput(totalMinor, currency))
        setCounting(false)
      }}
      onClose={() => setCounting(false)}
    />
  )
  return { button, modal, counted }
}
