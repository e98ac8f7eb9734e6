import { Stack, Tabs } from '@mantine/core'
import { useState } from 'react'
import { PageHeader } from '../ui/PageHeader.tsx'
import { PolicyPanel } from './PolicyPanel.tsx'
import { RequestsPanel } from './RequestsPanel.tsx'
import { ShipmentsPanel } from './ShipmentsPanel.tsx'
import { TransferPanel } from './TransferPanel.tsx'

/** Requests between stores, manual transfers of rights, shipments of local stock, policies. */
export function TransfersScreen() {
  const [tab, setTab] = useState<string | null>('requests')
  return (
    <Stack gap="md">
      <PageHeader
        title="Transfers & requests"
        subtitle="Move stock rights between stores, answer requests, and track shipments of local stock."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="requests">Requests</Tabs.Tab>
          <Tabs.Tab value="transfer">Transfer</Tabs.Tab>
          <Tabs.Tab value="shipments">Shipments</Tabs.Tab>
          <Tabs.Tab value="policy">Stock policy & thresholds</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests">
          <RequestsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="transfer">
          <TransferPanel />
        </Tabs.Panel>
        <Tabs.Panel value="shipments">
          <ShipmentsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="policy">
          <PolicyPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
