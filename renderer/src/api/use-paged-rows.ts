import { useCallback, useEffect, useRef, useState } from 'react'

export interface Page<T> {
  items: T[]
  total: number
}

export interface PagedRows<T> {
  total: number | undefined
  rowAt(index: number): T | undefined
  /** Loads the pages covering rows [start, end] that are not loaded or loading yet. */
  ensureRange(start: number, end: number): void
  /** Forgets every loaded page (after an edit or an import) and reloads what is visible. */
  reload(): void
  error: string | undefined
}

/**
 * Rows of a long list fetched page by page as they scroll into view, so a 100k-product catalog
 * costs a few pages of memory and requests, not 100k rows. `key` changes reset everything.
 */
export function usePagedRows<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  key: string,
  pageSize = 200,
): PagedRows<T> {
  const pages = useRef(new Map<number, T[]>())
  // After a reload the old pages are shown until fresh ones arrive, so the table never flashes empty.
  const stale = useRef(new Map<number, T[]>())
  const loading = useRef(new Set<number>())
  const generation = useRef(0)
  const lastRange = useRef<[number, number]>([0, pageSize])
  const [total, setTotal] = useState<number>()
  const [error, setError] = useState<string>()
  const [, setVersion] = useState(0)

  const loadPage = useCallback(
    (index: number) => {
      if (pages.current.has(index) || loading.current.has(index)) return
      const gen = generation.current
      loading.current.add(index)
      fetchPage(index * pageSize, pageSize).then(
        (page) => {
          if (gen !== generation.current) return
          loading.current.delete(index)
          pages.current.set(index, page.items)
          setTotal(page.total)
          setError(undefined)
          setVersion((v) => v + 1)
        },
        (e: unknown) => {
          if (gen !== generation.current) return
          loading.current.delete(index)
          setError(e instanceof Error ? e.message : String(e))
        },
      )
    },
    [fetchPage, pageSize],
  )

  const ensureRange = useCallback(
    (start: number, end: number) => {
      lastRange.current = [start, end]
      const first = Math.floor(Math.max(0, start) / pageSize)
      const last = Math.floor(Math.max(0, end) / pageSize)
      for (let i = first; i <= last; i++) loadPage(i)
    },
    [loadPage, pageSize],
  )

  const reload = useCallback(() => {
    generation.current++
    stale.current = new Map([...stale.current, ...pages.current])
    pages.current = new Map()
    loading.current = new Set()
    const [start, end] = lastRange.current
    ensureRange(start, end)
  }, [ensureRange])

  useEffect(() => {
    generation.current++
    pages.current = new Map()
    stale.current = new Map()
    loading.current = new Set()
    setTotal(undefined)
    ensureRange(0, pageSize)
  }, [key, ensureRange, pageSize])

  const rowAt = (index: number) => {
    const page = Math.floor(index / pageSize)
    return (pages.current.get(page) ?? stale.current.get(page))?.[index % pageSize]
  }
  return { total, rowAt, ensureRange, reload, error }
}
