import { Badge, Code, Group, Text, ThemeIcon } from '@mantine/core'
import type { StoreListView } from '../../../shared/api/views.ts'
import type { Column } from '../ui/DataTable.tsx'
import { TableCard } from '../ui/TableCard.tsx'

type Till = StoreListView['stores'][number]['tills'][number] & { storeName: string }

const statusColor = { active: 'teal', retiring: 'orange' } as Record<string, string>

const columns: Column<Till>[] = [
  { header: 'Store', cell: (t) => t.storeName },
  {
    header: 'Till',
    cell: (t) => (
      <Group gap={6}>
        <Code>{t.replicaId.slice(0, 8)}</Code>
        {t.thisTill ? (
          <Badge size="xs" variant="light">
            this till
          </Badge>
        ) : null}
      </Group>
    ),
  },
  {
    header: 'Status',
    cell: (t) => (
      <Group gap={4}>
        <ThemeIcon size={10} radius="xl" color={statusColor[t.status] ?? 'gray'} />
        <Text size="sm">
          {t.status}
          {t.successor ? ` → ${t.successor.slice(0, 8)}` : ''}
        </Text>
      </Group>
    ),
  },
  { header: 'Events', numeric: true, cell: (t) => t.lastSeq },
  {
    header: 'Missing',
    numeric: true,
    cell: (t) => (
      <Text span size="sm" c={t.missingEvents > 0 ? 'orange' : 'dimmed'}>
        {t.missingEvents || '—'}
      </Text>
    ),
  },
]

const tillKey = (t: Till) => t.replicaId

/** Every till of the chain in a titled card: its store, status (and successor), events written and missing. */
export function TillsTable({ stores }: { stores: StoreListView | undefined }) {
  const tills = stores?.stores.flatMap((s) => s.tills.map((t) => ({ ...t, storeName: s.name })))
  return (
    <TableCard
      title="Stores and tills"
      table={{ columns, rows: tills, rowKey: tillKey, testId: 'tills-table', empty: 'No tills yet.' }}
    />
  )
}
