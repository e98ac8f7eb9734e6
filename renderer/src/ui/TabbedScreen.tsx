import { Stack } from '@mantine/core'
import { PageHeader } from './PageHeader.tsx'
import { TabbedPanels, type TabPanel } from './TabbedPanels.tsx'

/** A screen made of tabs: its header, then one panel at a time (hidden panels are not kept mounted). */
export function TabbedScreen(props: { title: string; subtitle: string; panels: readonly TabPanel[] }) {
  return (
    <Stack gap="md">
      <PageHeader title={props.title} subtitle={props.subtitle} />
      <TabbedPanels defaultValue={props.panels[0]?.value ?? null} keepMounted={false} panels={props.panels} />
    </Stack>
  )
}
