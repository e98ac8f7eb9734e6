import { Alert, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Figure } from '../ui/Figure.tsx'
import { useStoreQuery } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { StockActions } from './StockActions.tsx'
import { StockHolders } from './StockHolders.tsx'
import { formatQty } from '../../../shared/api/weight.ts'
import { StockRequests } from './StockRequests.tsx'

/** One product's stock: chain total, rights per store (chart and table), requests, and the actions. */
export function StockDetail({ productId }: { productId: string }) {
  const { user } = useSession()
  const isManager = hasRole(user, 'manager')
  const productQuery = useStoreQuery('catalog.get', { id: productId }, { refreshOn: ['stock.changed'] })
  const stockQuery = useStoreQuery('stock.get', { productId }, { refreshOn: ['stock.changed'] })
  const product = productQuery.data
  const stock = stockQuery.data
  const error = productQuery.error ?? stockQuery.error

  if (error) return <Alert color="red">{error}</Alert>
  if (!stock || !product || stock.productId !== productId || product.id !== productId)
    return <Loader size="sm" />

  return (
    <Stack gap="md" data-testid="stock-detail">
      <Paper withBorder p="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{product.name}</Title>
            <Text size="sm" c="dimmed" ff="monospace">
              {product.sku} · {product.barcode || 'no barcode'} ·{' '}
              {product.policy === 'pool' ? 'chain pool' : 'local stock'}
            </Text>
          </div>
          {product.archived ? <Badge color="gray">archived</Badge> : null}
        </Group>
        <SimpleGrid cols={4} mt="md">
          <Figure label="Chain total" value={formatQty(stock.value, product.byWeight)} testId="stock-chain" />
          <Figure
            label="Here (may sell)"
            value={formatQty(stock.here, product.byWeight)}
            testId="stock-here"
            tone={stock.here > 0 ? 'teal' : 'red'}
          />
          <Figure label="Reserved" value={formatQty(stock.reserved, product.byWeight)} />
          <Figure
            label="Open requests"
            value={stock.requests.length}
            tone={stock.requests.length > 0 ? 'orange' : undefined}
          />
        </SimpleGrid>
      </Paper>

      <StockHolders stock={stock} />
      <StockRequests productId={productId} stock={stock} isManager={isManager} />
      <StockActions product={product} stock={stock} isManager={isManager} />
    </Stack>
  )
}
