import { useEffect, useRef } from 'react'

export interface PosShortcutHandlers {
  focusSearch: () => void
  pay: () => void
  payByCard: () => void
  removeNewestLine: () => void
  newSale: () => void
  park: () => void
  cancel: () => void
}

/** The keys listed on the checkout screen. Active only while the checkout is the visible screen. */
export const posShortcuts = [
  { key: 'F2', label: 'Search / scan' },
  { key: 'F4', label: 'Pay (cash)' },
  { key: 'F6', label: 'Pay by card' },
  { key: 'F9', label: 'Remove newest line' },
  { key: 'F8', label: 'New sale' },
  { key: 'F10', label: 'Park / recall a sale' },
  { key: 'Esc', label: 'Cancel' },
] as const

export function usePosShortcuts(active: boolean, handlers: PosShortcutHandlers): void {
  // Handlers change every render; the listener reads the latest ones through a ref.
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    if (!active) return
    const onKey = (event: KeyboardEvent) => {
      // a dialog that handled the key (its own F6, Enter, Escape) has the last word
      if (event.defaultPrevented) return
      const h = latest.current
      if (event.key === 'F2') h.focusSearch()
      else if (event.key === 'F4') h.pay()
      else if (event.key === 'F6') h.payByCard()
      else if (event.key === 'F9') h.removeNewestLine()
      else if (event.key === 'F8') h.newSale()
      else if (event.key === 'F10') h.park()
      else if (event.key === 'Escape') {
        h.cancel()
        return
      } else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [active])
}
