import { useEffect, type RefObject } from 'react'

/**
 * Keeps the scan input focused so a scanner's keystrokes always land in it: whenever focus falls
 * back to the page body (a click on empty space, a closed dialog) or a button was clicked with the
 * mouse, it returns to the input. Keyboard users keep focus where they Tab to (menu, cart buttons),
 * and other inputs (a quantity field) keep focus while the cashier uses them.
 */
export function useKeepFocus(ref: RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const refocus = () => {
      setTimeout(() => {
        const active = document.activeElement
        if (!active || active === document.body) ref.current?.focus()
      }, 0)
    }
    // detail is 0 for a click made with Enter or Space on a focused button
    const afterMouseClick = (event: MouseEvent) => {
      if (event.detail === 0) return
      setTimeout(() => {
        const active = document.activeElement
        if (!active || active === document.body || active.tagName === 'BUTTON') ref.current?.focus()
      }, 0)
    }
    ref.current?.focus()
    document.addEventListener('focusout', refocus)
    document.addEventListener('click', afterMouseClick)
    return () => {
      document.removeEventListener('focusout', refocus)
      document.removeEventListener('click', afterMouseClick)
    }
  }, [ref, enabled])
}
