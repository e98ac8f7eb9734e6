import { Center, Loader } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import type { SessionView, SetupStatus } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { LoginScreen } from '../login/LoginScreen.tsx'
import { IdleLock } from './IdleLock.tsx'
import { rememberUser } from '../login/recent-users.ts'
import { SetupScreen } from '../setup/SetupScreen.tsx'
import { AppLayout } from '../shell/AppLayout.tsx'
import { NoStoreScreen } from './NoStoreScreen.tsx'
import { SessionProvider, type SessionInfo } from './session-context.tsx'

type Gate =
  | { state: 'loading' }
  | { state: 'error'; reason: string }
  | { state: 'setup' }
  | { state: 'login'; setup: SetupStatus; preferPin: boolean }
  | { state: 'in'; setup: SetupStatus; session: SessionView }

/** First run → setup; no session → login; otherwise the app. */
export function StoreGate() {
  const api = useApi()
  const [gate, setGate] = useState<Gate>({ state: 'loading' })

  const refresh = useCallback(
    async (preferPin = false) => {
      try {
        const setup = await api['setup.status']({})
        if (setup.state === 'new') return setGate({ state: 'setup' })
        const session = await api['session.current']({})
        if (session.user) setGate({ state: 'in', setup, session })
        else setGate({ state: 'login', setup, preferPin })
      } catch (error) {
        setGate({ state: 'error', reason: describeError(error) })
      }
    },
    [api],
  )

  useEffect(() => {
    void refresh()
  }, [refresh])

  switch (gate.state) {
    case 'loading':
      return (
        <Center h="100%">
          <Loader />
        </Center>
      )
    case 'error':
      return <NoStoreScreen title="The store did not answer" reason={gate.reason} offerReload />
    case 'setup':
      return <SetupScreen onDone={() => void refresh()} />
    case 'login':
      return (
        <LoginScreen
          setup={gate.setup}
          preferPin={gate.preferPin}
          onLoggedIn={(session) => {
            if (session.user) rememberUser(session.user.username)
            setGate({ state: 'in', setup: gate.setup, session })
          }}
        />
      )
    case 'in': {
      const { user } = gate.session
      if (!user) return null
      const info: SessionInfo = {
        user,
        session: gate.session,
        setup: gate.setup,
        currency: gate.session.currency || gate.setup.currency || 'EUR',
        logout: async () => {
          await api['session.logout']({}).catch(() => undefined)
          await refresh(false)
        },
        switchUser: async () => {
          await api['session.logout']({}).catch(() => undefined)
          await refresh(true)
        },
      }
      return (
        <SessionProvider value={info}>
          <AppLayout />
          <IdleLock />
        </SessionProvider>
      )
    }
  }
}
