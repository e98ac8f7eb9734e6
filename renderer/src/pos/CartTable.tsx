import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core'
import { formatMoney } from '../format/money.ts'
import { keyOf, type CartLine } from './cart.ts'
import { formatQty } from '../../../shared/api/weight.ts'
import { QtyField } from './QtyField.tsx'
import { lineTotalMinor } from './cart-totals.ts'
import { LinePricing } from './LinePricing.tsx'

/** The lines being sold: quantity editable, stock here / in the chain next to each line. */
export function CartTable(props: {
  lines: CartLine[]
  currency: string
  /** Prices include tax (the organization's rule): line totals follow it. */
  pricesIncludeTax: boolean
  /** By the line's key (its product's id, or its package's for a scale label). */
  onSetQty: (key: string, qty: number) => void
  onRemove: (key: string) => void
  onOpenStock: (productId: string) => void
  onDiscount: (key: string) => void
}) {
  if (props.lines.length === 0) {
    return (
      <Stack align="center" justify="center" gap={6} py={80} c="dimmed">
        <Text size="xl" fw={600} c="gray.7">
          The cart is empty
        </Text>
        <Text size="sm" c="dimmed">
          Scan a barcode or type a product name above.
        </Text>
      </Stack>
    )
  }
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="cart">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th ta="right" visibleFrom="lg">
            Price
          </Table.Th>
          <Table.Th w={140} ta="center">
            Qty
          </Table.Th>
          <Table.Th ta="center" miw={96} title="Units this till may sell / units in the whole chain">
            Stock
          </Table.Th>
          <Table.Th ta="right">Total</Table.Th>
          <Table.Th w={76}>
            <VisuallyHidden>Discount and remove</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.lines.map((line) => {
          const { product, qty } = line
          const key = keyOf(line)
          const short = qty > product.here
          const stockText = `${formatQty(product.here, product.byWeight)} / ${formatQty(product.chain, product.byWeight)}`
          return (
            <Table.Tr key={key} data-testid="cart-line" data-sku={product.sku}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {product.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {product.sku}
                  {product.taxRateBp > 0 ? ` · tax ${product.taxRateBp / 100}%` : ''}
                </Text>
                <LinePricing line={line} currency={props.currency} />
              </Table.Td>
              <Table.Td ta="right" className="num" visibleFrom="lg">
                {formatMoney(product.priceMinor, props.currency)}
                {product.byWeight ? ' /kg' : ''}
              </Table.Td>
              <Table.Td>
                {line.label !== undefined ? (
                  // the scale weighed it: its quantity is the label's
                  <Text
                    ta="center"
                    className="num"
                    data-testid="line-weight"
                    title={`Scale label ${line.label}`}
                  >
                    {formatQty(qty, product.byWeight)}
                  </Text>
                ) : (
                  <Group gap={4} wrap="nowrap" justify="center">
                    <ActionIcon
                      variant="default"
                      aria-label={`One less ${product.name}`}
                      onClick={() => props.onSetQty(key, qty - 1)}
                    >
                      −
                    </ActionIcon>
                    <QtyField
                      label={product.byWeight ? `Grams of ${product.name}` : `Quantity of ${product.name}`}
                      qty={qty}
                      onSetQty={(n) => props.onSetQty(key, n)}
                    />
                    <ActionIcon
                      variant="default"
                      aria-label={`One more ${product.name}`}
                      onClick={() => props.onSetQty(key, qty + 1)}
                    >
                      +
                    </ActionIcon>
                  </Group>
                )}
              </Table.Td>
              <Table.Td ta="center">
                <Tooltip
                  label={
                    short
                      ? `Only ${product.here} may be sold here; the chain has ${product.chain}. Click for stock.`
                      : 'Units this till may sell / units in the whole chain'
                  }
                >
                  <Badge
                    variant={short ? 'filled' : 'light'}
                    color={short ? 'red' : product.here <= qty + 2 ? 'yellow' : 'teal'}
                    className="num"
                    style={{ cursor: 'pointer', overflow: 'visible' }}
                    styles={{ label: { overflow: 'visible' } }}
                    onClick={() => props.onOpenStock(product.id)}
                    data-testid="line-stock"
                  >
                    {stockText}
                  </Badge>
                </Tooltip>
              </Table.Td>
              <Table.Td ta="right" fw={600} className="num">
                {formatMoney(lineTotalMinor(line, props.pricesIncludeTax), props.currency)}
              </Table.Td>
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Discount or price of ${product.name}`}
                    onClick={() => props.onDiscount(key)}
                    data-testid="line-discount"
                  >
                    %
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${product.name}`}
                    onClick={() => props.onRemove(key)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}
