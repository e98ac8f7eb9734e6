import { useEffect, type RefObject } from 'react'

/**
 * Keeps the scan input focused so a scanner's keystrokes always land in it: whenever focus falls
 * back to the page body (a click on empty space, a closed dialog), it returns to the input. Other
 * inputs (a quantity field) keep focus while the cashier uses them.
 */
export function useKeepFocus(ref: RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const refocus = () => {
      setTimeout(() => {
        const active = document.activeElement
        if (!active || active === document.body || active.tagName === 'BUTTON') ref.current?.focus()
      }, 0)
    }
    ref.current?.focus()
    document.addEventListener('focusout', refocus)
    document.addEventListener('click', refocus)
    return () => {
      document.removeEventListener('focusout', refocus)
      document.removeEventListener('click', refocus)
    }
  }, [ref, enabled])
}
