import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import { ChainDashboard } from './ChainDashboard.tsx'
import { StockMatrixPanel } from './StockMatrixPanel.tsx'

/** The chain at a glance for owners and managers: the dashboard and the product × store matrix. */
export function ChainScreen() {
  return (
    <TabbedScreen
      title="The chain"
      subtitle="Every store on one screen, as far as this till has synced."
      panels={[
        { value: 'dashboard', label: 'Dashboard', content: <ChainDashboard /> },
        { value: 'matrix', label: 'Stock matrix', content: <StockMatrixPanel /> },
      ]}
    />
  )
}
