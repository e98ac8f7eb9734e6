import { useEffect } from 'react'
import { useInvalidate } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import { HoldsPanel } from './HoldsPanel.tsx'
import { OrderBoard } from './OrderBoard.tsx'

const words = {
  title: 'Reservations & orders',
  subtitle: 'Put goods aside for a customer, and follow customer orders from pending to delivered.',
}

/** Holds for customers (with expiry) and the customer order board. */
export function OrdersScreen() {
  const { user } = useSession()
  const invalidate = useInvalidate()
  // Expired holds are released by the store every 30 s: look again now and then.
  useEffect(() => {
    const t = setInterval(() => invalidate('reservations.list', 'orders.list'), 15_000)
    return () => clearInterval(t)
  }, [invalidate])
  return (
    <TabbedScreen
      {...words}
      panels={[
        { value: 'holds', label: 'Holds', content: <HoldsPanel /> },
        {
          value: 'orders',
          label: 'Order board',
          content: <OrderBoard canEdit={hasRole(user, 'manager')} />,
        },
      ]}
    />
  )
}
