import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import type { TabPanel } from '../ui/TabbedPanels.tsx'
import { ChainDashboard } from './ChainDashboard.tsx'
import { StockMatrixPanel } from './StockMatrixPanel.tsx'

const words = { title: 'The chain', subtitle: 'Every store on one screen, as far as this till has synced.' }

const panels: TabPanel[] = [
  { value: 'dashboard', label: 'Dashboard', content: <ChainDashboard /> },
  { value: 'matrix', label: 'Stock matrix', content: <StockMatrixPanel /> },
]

/** The chain at a glance for owners and managers: the dashboard and the product × store matrix. */
export function ChainScreen() {
  return <TabbedScreen {...words} panels={panels} />
}
