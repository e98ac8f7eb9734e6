import { useEffect } from 'react'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from './session-context.tsx'

const activity = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Locks the till after the idle minutes its rules say (0: never): the session ends and the PIN pad
 * shows; the cart (kept per till) and the shift stay for whoever unlocks it.
 */
export function IdleLock() {
  const { switchUser } = useSession()
  const minutes = useStoreQuery('rules.get', {}).data?.idleLockMinutes ?? 0
  useEffect(() => {
    if (minutes <= 0) return
    let timer = setTimeout(lock, minutes * 60_000)
    function lock() {
      void switchUser()
    }
    const restart = () => {
      clearTimeout(timer)
      timer = setTimeout(lock, minutes * 60_000)
    }
    for (const type of activity) window.addEventListener(type, restart, { passive: true })
    return () => {
      clearTimeout(timer)
      for (const type of activity) window.removeEventListener(type, restart)
    }
  }, [minutes, switchUser])
  return null
}
