import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import type { TabPanel } from '../ui/TabbedPanels.tsx'
import { PolicyPanel } from './PolicyPanel.tsx'
import { RequestsPanel } from './RequestsPanel.tsx'
import { ShipmentsPanel } from './ShipmentsPanel.tsx'
import { TransferPanel } from './TransferPanel.tsx'

const words = {
  title: 'Transfers & requests',
  subtitle: 'Move stock rights between stores, answer requests, and track shipments of local stock.',
}

const panels: TabPanel[] = [
  { value: 'requests', label: 'Requests', content: <RequestsPanel /> },
  { value: 'transfer', label: 'Transfer', content: <TransferPanel /> },
  { value: 'shipments', label: 'Shipments', content: <ShipmentsPanel /> },
  { value: 'policy', label: 'Stock policy & thresholds', content: <PolicyPanel /> },
]

/** Requests between stores, manual transfers of rights, shipments of local stock, policies. */
export function TransfersScreen() {
  return <TabbedScreen {...words} panels={panels} />
}
