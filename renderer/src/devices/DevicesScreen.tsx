import { Button, Grid, Stack } from '@mantine/core'
import { useState } from 'react'
import { useInvalidate, useStoreQuery } from '../api/use-store-query.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { IntegrityAlerts } from './IntegrityAlerts.tsx'
import { RetireModal } from './RetireModal.tsx'
import { ThisTillCard } from './ThisTillCard.tsx'
import { TillsTable } from './TillsTable.tsx'

/** Integrity alerts in plain words, this till's identity, every till, and retiring this till. */
export function DevicesScreen() {
  const stores = useStoreQuery('stores.list', {})
  const invalidate = useInvalidate()
  const [retiring, setRetiring] = useState(false)
  const thisTill = stores.data?.stores
    .flatMap((s) => s.tills.map((t) => ({ ...t, store: s })))
    .find((t) => t.thisTill)

  return (
    <Stack gap="md">
      <PageHeader
        title="Integrity & devices"
        subtitle="What the chain's data says about itself, and the tills that write it."
      >
        <Button
          variant="default"
          onClick={() => invalidate('integrity.alerts', 'stores.list', 'system.health')}
        >
          Check again
        </Button>
      </PageHeader>
      <IntegrityAlerts />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ThisTillCard thisTill={thisTill} onRetire={() => setRetiring(true)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TillsTable stores={stores.data} />
        </Grid.Col>
      </Grid>
      {retiring && stores.data ? (
        <RetireModal stores={stores.data} onClose={() => setRetiring(false)} />
      ) : null}
    </Stack>
  )
}
