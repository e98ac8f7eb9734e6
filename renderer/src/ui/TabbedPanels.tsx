import { Tabs, type TabsProps } from '@mantine/core'
import type { ReactNode } from 'react'

export interface TabPanel {
  value: string
  label: string
  content: ReactNode
  /** A tab this person may not use (a cashier's view of a manager's action). */
  hidden?: boolean
}

/** Tabs from a list: each tab's label and its panel in one entry, so the two never drift apart. */
export function TabbedPanels({
  panels,
  ...tabs
}: { panels: readonly TabPanel[] } & Omit<TabsProps, 'children'>) {
  const shown = panels.filter((p) => !p.hidden)
  return (
    <Tabs {...tabs}>
      <Tabs.List mb="md">
        {shown.map((p) => (
          <Tabs.Tab key={p.value} value={p.value}>
            {p.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {shown.map((p) => (
        <Tabs.Panel key={p.value} value={p.value}>
          {p.content}
        </Tabs.Panel>
      ))}
    </Tabs>
  )
}
