import { createContext, useContext, type ReactNode } from 'react'
import type { StoreApiClient } from '../../../shared/api/client.ts'

const ApiContext = createContext<StoreApiClient | null>(null)

export function ApiProvider({ api, children }: { api: StoreApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
}

/** The StoreApi client of this window; every screen talks to the store through it. */
export function useApi(): StoreApiClient {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi() outside <ApiProvider>')
  return api
}
