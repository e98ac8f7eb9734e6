import { Paper } from '@mantine/core'
import type { ProductView, StockView } from '../../../shared/api/views.ts'
import { TabbedPanels } from '../ui/TabbedPanels.tsx'
import { AdjustForm } from './actions/AdjustForm.tsx'
import { GiveRightsForm } from './actions/GiveRightsForm.tsx'
import { RequestRightsForm } from './actions/RequestRightsForm.tsx'
import { RestockForm } from './actions/RestockForm.tsx'

/** Restock, adjust (with a reason code), transfer rights to another store, or request them. */
export function StockActions({
  product,
  stock,
  isManager,
}: {
  product: ProductView
  stock: StockView
  isManager: boolean
}) {
  const managerOnly = !isManager
  return (
    <Paper withBorder p="lg">
      <TabbedPanels
        defaultValue={isManager ? 'restock' : 'request'}
        panels={[
          {
            value: 'restock',
            label: 'Restock',
            hidden: managerOnly,
            content: <RestockForm product={product} />,
          },
          {
            value: 'adjust',
            label: 'Adjust',
            hidden: managerOnly,
            content: <AdjustForm product={product} />,
          },
          {
            value: 'transfer',
            label: 'Transfer',
            hidden: managerOnly,
            content: <GiveRightsForm product={product} stock={stock} />,
          },
          {
            value: 'request',
            label: 'Request',
            content: <RequestRightsForm product={product} stock={stock} />,
          },
        ]}
      />
    </Paper>
  )
}
