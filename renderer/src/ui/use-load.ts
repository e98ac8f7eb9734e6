import { useCallback, useEffect, useState } from 'react'
import { describeError } from '../api/describe-error.ts'

/** Loads something from the store, with the error as a sentence and a reload function. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | undefined; error: string | undefined; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const run = useCallback(load, deps)
  useEffect(() => {
    let cancelled = false
    setLoading(true)
    run().then(
      (value) => {
        if (cancelled) return
        setData(value)
        setError(undefined)
        setLoading(false)
      },
      (e: unknown) => {
        if (cancelled) return
        setError(describeError(e))
        setLoading(false)
      },
    )
    return () => {
      cancelled = true
    }
  }, [run, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}
