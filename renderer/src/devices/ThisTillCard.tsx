import { Badge, Button, Code, Paper, Table, Text } from '@mantine/core'
import type { StoreListView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'

type Till = StoreListView['stores'][number]['tills'][number] & { store: StoreListView['stores'][number] }

/** This till's identity and whether it may sell; an owner retires it from here. */
export function ThisTillCard({ thisTill, onRetire }: { thisTill: Till | undefined; onRetire: () => void }) {
  const { user } = useSession()
  const health = useStoreQuery('system.health', {})
  return (
    <Paper withBorder p="lg" h="100%" data-testid="this-till">
      <Text fw={700} mb="sm">
        This till
      </Text>
      {thisTill ? (
        <Table variant="vertical" withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={140}>Store</Table.Th>
              <Table.Td>{thisTill.store.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Replica id</Table.Th>
              <Table.Td>
                <Code>{thisTill.replicaId}</Code>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Td>
                <Badge color={thisTill.status === 'active' ? 'teal' : 'gray'}>{thisTill.status}</Badge>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Events written</Table.Th>
              <Table.Td className="num">{thisTill.lastSeq}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Data format</Table.Th>
              <Table.Td>schema {health.data?.schemaVersion ?? '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Selling</Table.Th>
              <Table.Td>
                {health.data?.salesLocked ? (
                  <Text c="orange" size="sm">
                    paused: {health.data.salesLocked}
                  </Text>
                ) : health.data?.readOnly ? (
                  <Text c="red" size="sm">
                    {health.data.readOnly}
                  </Text>
                ) : (
                  'allowed'
                )}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : null}
      {hasRole(user, 'owner') && thisTill?.status === 'active' ? (
        <Button color="red" variant="light" mt="md" onClick={onRetire} data-testid="retire-open">
          Retire this till…
        </Button>
      ) : null}
    </Paper>
  )
}
