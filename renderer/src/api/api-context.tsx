import type { ReactNode } from 'react'
import type { StoreApiClient } from '../../../shared/api/client.ts'
import { requiredContext } from '../app/required-context.tsx'

const [ApiContextProvider, useApiContext] = requiredContext<StoreApiClient>('useApi')

export const ApiProvider = ({ api, children }: { api: StoreApiClient; children: ReactNode }) => (
  <ApiContextProvider value={api}>{children}</ApiContextProvider>
)

/** The StoreApi client of this window; every screen talks to the store through it. */
export const useApi: () => StoreApiClient = useApiContext
