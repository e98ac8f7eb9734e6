import { useEffect, useState } from 'react'
import type { SyncStatus } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'

const pollMs = 5000

/** Live sync status: pushed `sync.status` events, plus a slow poll in case an event is missed. */
export function useSyncStatus(): SyncStatus | undefined {
  const api = useApi()
  const [status, setStatus] = useState<SyncStatus>()
  useEffect(() => {
    let alive = true
    const load = () =>
      api['sync.status']({}).then(
        (s) => alive && setStatus(s),
        () => undefined,
      )
    void load()
    const timer = setInterval(() => void load(), pollMs)
    const off = api.on('sync.status', (s) => alive && setStatus(s))
    return () => {
      alive = false
      clearInterval(timer)
      off()
    }
  }, [api])
  return status
}

/** Current time, re-rendering every `ms`, so ages ("oldest 3 min") stay true. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
