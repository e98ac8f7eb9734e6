import { Badge, Code, Group, Table, Text, ThemeIcon } from '@mantine/core'
import type { StoreListView } from '../../../shared/api/views.ts'

/** Every till of the chain: its store, status (and successor), events written and missing. */
export function TillsTable({ stores }: { stores: StoreListView | undefined }) {
  return (
    <Table verticalSpacing={6} striped data-testid="tills-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Store</Table.Th>
          <Table.Th>Till</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Events</Table.Th>
          <Table.Th ta="right">Missing</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(stores?.stores ?? []).flatMap((s) =>
          s.tills.map((t) => (
            <Table.Tr key={t.replicaId}>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Code>{t.replicaId.slice(0, 8)}</Code>
                  {t.thisTill ? (
                    <Badge size="xs" variant="light">
                      this till
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <ThemeIcon
                    size={10}
                    radius="xl"
                    color={t.status === 'active' ? 'teal' : t.status === 'retiring' ? 'orange' : 'gray'}
                  />
                  <Text size="sm">
                    {t.status}
                    {t.successor ? ` → ${t.successor.slice(0, 8)}` : ''}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right" className="num">
                {t.lastSeq}
              </Table.Td>
              <Table.Td ta="right" className="num" c={t.missingEvents > 0 ? 'orange' : 'dimmed'}>
                {t.missingEvents || '—'}
              </Table.Td>
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </Table>
  )
}
