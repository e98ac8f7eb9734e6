import { useEffect, useRef } from 'react'

export interface PosShortcutHandlers {
  focusSearch: () => void
  pay: () => void
  newSale: () => void
  cancel: () => void
}

/** The keys listed on the checkout screen. Active only while the checkout is the visible screen. */
export const posShortcuts = [
  { key: 'F2', label: 'Search / scan' },
  { key: 'F4', label: 'Pay' },
  { key: 'F8', label: 'New sale' },
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
      const h = latest.current
      if (event.key === 'F2') h.focusSearch()
      else if (event.key === 'F4') h.pay()
      else if (event.key === 'F8') h.newSale()
      else if (event.key === 'Escape') {
        if (event.defaultPrevented) return
        h.cancel()
        return
      } else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [active])
}
