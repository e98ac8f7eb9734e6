import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract.ts'
import type { PushedEventName } from '../../../shared/api/views.ts'
import { useApi } from './api-context.tsx'
import { describeError } from './describe-error.ts'
import { LatestOnly, QueryRegistry } from './query-registry.ts'

export const QueryRegistryContext = createContext<QueryRegistry | null>(null)

export function useQueryRegistry(): QueryRegistry {
  const registry = useContext(QueryRegistryContext)
  if (!registry) throw new Error('useQueryRegistry() outside <QueryRegistryContext.Provider>')
  return registry
}

export interface StoreQuery<T> {
  data: T | undefined
  /** The store's refusal in words for staff, when the last load failed. */
  error: string | undefined
  loading: boolean
  reload: () => void
}

/**
 * One StoreApi query, keyed by method and input: reloads when the input changes, when one of the
 * pushed events in `refreshOn` arrives, and when an action invalidates the method; an answer that
 * arrives after a newer question is dropped.
 */
export function useStoreQuery<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options: { refreshOn?: readonly PushedEventName[]; enabled?: boolean } = {},
): StoreQuery<OutputOf<M>> {
  const api = useApi()
  // The input by value: a new object with the same content is the same query.
  const json = JSON.stringify(input)
  const stableInput = useMemo(() => JSON.parse(json) as InputOf<M>, [json])
  const latest = useMemo(() => new LatestOnly(), [])
  const [state, setState] = useState<{ data?: OutputOf<M>; error?: string; loading: boolean }>({
    loading: true,
  })
  const enabled = options.enabled ?? true

  const reload = useCallback(() => {
    if (!enabled) return
    const current = latest.ask()
    setState((s) => ({ ...s, loading: true }))
    const call = api[method] as unknown as (input: InputOf<M>) => Promise<OutputOf<M>>
    call(stableInput).then(
      (data) => current() && setState({ data, loading: false }),
      (e: unknown) => current() && setState((s) => ({ ...s, error: describeError(e), loading: false })),
    )
  }, [api, method, stableInput, latest, enabled])

  useLiveQuery(method, reload, options.refreshOn)

  return { data: state.data, error: state.error, loading: state.loading, reload }
}

/**
 * Keeps a query live: loads it now and whenever its input changes (a new `reload`), when an action
 * invalidates its method, and when one of the pushed events in `refreshOn` arrives.
 */
function useLiveQuery(
  method: MethodName,
  reload: () => void,
  refreshOn: readonly PushedEventName[] = [],
): void {
  const api = useApi()
  const registry = useQueryRegistry()
  const events = refreshOn.join(',')
  useEffect(() => reload(), [reload])
  useEffect(() => registry.register(method, reload), [registry, method, reload])
  useEffect(() => {
    if (!events) return
    const offs = events.split(',').map((event) => api.on(event as PushedEventName, () => reload()))
    return () => {
      for (const off of offs) off()
    }
  }, [api, events, reload])
}

/** After an action: the answers of these methods are stale on every screen that shows them. */
export function useInvalidate(): (...methods: MethodName[]) => void {
  const registry = useQueryRegistry()
  return useCallback((...methods: MethodName[]) => registry.invalidate(methods), [registry])
}

/** Methods that answer a page: `{ items, total }` for an `offset` and `limit`. */
export type PagedMethod = {
  [K in MethodName]: OutputOf<K> extends { items: readonly unknown[]; total: number } ? K : never
}[MethodName]
type ItemOf<M extends PagedMethod> = OutputOf<M> extends { items: ReadonlyArray<infer I> } ? I : never

export interface StorePagedQuery<I> {
  items: I[]
  total: number
  loading: boolean
  error: string | undefined
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

/**
 * A paged StoreApi list (sales, stock…): the first page for the input, more on `loadMore`, back to
 * the first page when the input changes, a pushed event in `refreshOn` arrives or an action
 * invalidates the method; answers older than the newest question are dropped.
 */
export function useStorePagedQuery<M extends PagedMethod>(
  method: M,
  input: Omit<InputOf<M>, 'offset' | 'limit'>,
  options: { pageSize: number; refreshOn?: readonly PushedEventName[] },
): StorePagedQuery<ItemOf<M>> {
  const api = useApi()
  const json = JSON.stringify(input)
  const stableInput = useMemo(() => JSON.parse(json) as Omit<InputOf<M>, 'offset' | 'limit'>, [json])
  const latest = useMemo(() => new LatestOnly(), [])
  const [state, setState] = useState<{ items: ItemOf<M>[]; total: number; loading: boolean; error?: string }>(
    {
      items: [],
      total: 0,
      loading: true,
    },
  )
  const { pageSize } = options

  const load = useCallback(
    (offset: number) => {
      const current = latest.ask()
      setState((s) => ({ ...s, loading: true }))
      const call = api[method] as unknown as (
        input: unknown,
      ) => Promise<{ items: ItemOf<M>[]; total: number }>
      call({ ...stableInput, offset, limit: pageSize }).then(
        (page) =>
          current() &&
          setState((s) => ({
            items: offset === 0 ? page.items : [...s.items, ...page.items],
            total: page.total,
            loading: false,
          })),
        (e: unknown) => current() && setState((s) => ({ ...s, error: describeError(e), loading: false })),
      )
    },
    [api, method, stableInput, latest, pageSize],
  )
  const reload = useCallback(() => load(0), [load])
  useLiveQuery(method, reload, options.refreshOn)

  return {
    items: state.items,
    total: state.total,
    loading: state.loading,
    error: state.error,
    hasMore: state.items.length < state.total,
    loadMore: () => load(state.items.length),
    reload,
  }
}
