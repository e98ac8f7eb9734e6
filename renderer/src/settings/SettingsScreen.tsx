import { Grid, Stack } from '@mantine/core'
import { hasRole, useSession } from '../app/session-context.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { BackupsPanel } from './BackupsPanel.tsx'
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx'
import { OrganisationPanel } from './OrganisationPanel.tsx'
import { RelayPanel } from './RelayPanel.tsx'

/** Organisation, receipt, relay link, backups and restore, diagnostics. */
export function SettingsScreen() {
  const { user } = useSession()
  const isOwner = hasRole(user, 'owner')
  return (
    <Stack gap="md">
      <PageHeader title="Settings" subtitle="This store's receipt, relay link, backups and diagnostics." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <OrganisationPanel isOwner={isOwner} />
            <RelayPanel isOwner={isOwner} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <BackupsPanel isOwner={isOwner} />
            <DiagnosticsPanel />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
