import { Stack, Tabs } from '@mantine/core'
import { useEffect } from 'react'
import { useInvalidate } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { HoldsPanel } from './HoldsPanel.tsx'
import { OrderBoard } from './OrderBoard.tsx'

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
    <Stack gap="md">
      <PageHeader
        title="Reservations & orders"
        subtitle="Put goods aside for a customer, and follow customer orders from pending to delivered."
      />
      <Tabs defaultValue="holds" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="holds">Holds</Tabs.Tab>
          <Tabs.Tab value="orders">Order board</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="holds">
          <HoldsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <OrderBoard canEdit={hasRole(user, 'manager')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
