import { useEffect, useState } from 'react'
import type { StoreApiClient } from '../../shared/api/client.ts'
import { ApiProvider } from './api/api-context.tsx'
import { QueryRegistry } from './api/query-registry.ts'
import { QueryRegistryContext } from './api/use-store-query.ts'
import { connect } from './api/connect.ts'
import { readConnectionTarget } from './api/connection-target.ts'
import { describeError } from './api/describe-error.ts'
import { NoStoreScreen } from './app/NoStoreScreen.tsx'
import { StoreGate } from './app/StoreGate.tsx'

type Boot =
  | { state: 'connecting' }
  | { state: 'failed'; reason: string }
  | { state: 'lost' }
  | { state: 'ready'; api: StoreApiClient; queries: QueryRegistry }

/** Finds the store (Electron IPC or a headless node's WebSocket), then hands over to StoreGate. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'connecting' })

  useEffect(() => {
    const target = readConnectionTarget(window)
    if (target.kind === 'none') {
      setBoot({ state: 'failed', reason: target.reason })
      return
    }
    let cancelled = false
    let close = () => {}
    connect(target).then(
      (connection) => {
        close = connection.close
        if (cancelled) return connection.close()
        setBoot({ state: 'ready', api: connection.api, queries: new QueryRegistry() })
        void connection.lost.then(() => {
          if (!cancelled) setBoot({ state: 'lost' })
        })
      },
      (error: unknown) => {
        if (!cancelled) setBoot({ state: 'failed', reason: describeError(error) })
      },
    )
    return () => {
      cancelled = true
      close()
    }
  }, [])

  switch (boot.state) {
    case 'connecting':
      return <NoStoreScreen title="Connecting to the store…" loading />
    case 'failed':
      return <NoStoreScreen title="No store connected" reason={boot.reason} />
    case 'lost':
      return (
        <NoStoreScreen
          title="Connection to the store was lost"
          reason="The store service stopped or restarted. Reload this page to reconnect; sales already confirmed are safe."
          offerReload
        />
      )
    case 'ready':
      return (
        <ApiProvider api={boot.api}>
          <QueryRegistryContext.Provider value={boot.queries}>
            <StoreGate />
          </QueryRegistryContext.Provider>
        </ApiProvider>
      )
  }
}
