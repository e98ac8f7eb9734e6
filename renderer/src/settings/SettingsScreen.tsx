import { Grid, Stack } from '@mantine/core'
import { hasRole, useSession } from '../app/session-context.tsx'
import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import { BackupsPanel } from './BackupsPanel.tsx'
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx'
import { OrganisationPanel } from './OrganisationPanel.tsx'
import { ReceiptSettingsPanel } from './ReceiptSettingsPanel.tsx'
import { RelayPanel } from './RelayPanel.tsx'
import { TillRulesPanel } from './TillRulesPanel.tsx'

/** Organisation and relay, the till's rules, receipts and printer, backups and diagnostics. */
export function SettingsScreen() {
  const { user } = useSession()
  const isOwner = hasRole(user, 'owner')
  return (
    <TabbedScreen
      title="Settings"
      subtitle="The organisation, this till's rules and receipts, the relay link, backups and diagnostics."
      panels={[
        {
          value: 'organisation',
          label: 'Organisation & relay',
          content: (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <OrganisationPanel isOwner={isOwner} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <RelayPanel isOwner={isOwner} />
              </Grid.Col>
            </Grid>
          ),
        },
        { value: 'rules', label: 'Till rules', content: <TillRulesPanel /> },
        { value: 'receipts', label: 'Receipts & printer', content: <ReceiptSettingsPanel /> },
        {
          value: 'backups',
          label: 'Backups & diagnostics',
          content: (
            <Stack gap="md">
              <BackupsPanel isOwner={isOwner} />
              <DiagnosticsPanel />
            </Stack>
          ),
        },
      ]}
    />
  )
}
