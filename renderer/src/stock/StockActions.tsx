import { Paper, Tabs } from '@mantine/core'
import type { ProductView, StockView } from '../../../shared/api/views.ts'
import { AdjustForm } from './actions/AdjustForm.tsx'
import { GiveRightsForm } from './actions/GiveRightsForm.tsx'
import { RequestRightsForm } from './actions/RequestRightsForm.tsx'
import { RestockForm } from './actions/RestockForm.tsx'

/** Restock, adjust (with a reason code), transfer rights to another store, or request them. */
export function StockActions(props: { product: ProductView; stock: StockView; isManager: boolean }) {
  return (
    <Paper withBorder p="lg">
      <Tabs defaultValue={props.isManager ? 'restock' : 'request'}>
        <Tabs.List>
          {props.isManager ? <Tabs.Tab value="restock">Restock</Tabs.Tab> : null}
          {props.isManager ? <Tabs.Tab value="adjust">Adjust</Tabs.Tab> : null}
          {props.isManager ? <Tabs.Tab value="transfer">Transfer</Tabs.Tab> : null}
          <Tabs.Tab value="request">Request</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="restock" pt="md">
          <RestockForm product={props.product} />
        </Tabs.Panel>
        <Tabs.Panel value="adjust" pt="md">
          <AdjustForm product={props.product} />
        </Tabs.Panel>
        <Tabs.Panel value="transfer" pt="md">
          <GiveRightsForm product={props.product} stock={props.stock} />
        </Tabs.Panel>
        <Tabs.Panel value="request" pt="md">
          <RequestRightsForm product={props.product} stock={props.stock} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  )
}
