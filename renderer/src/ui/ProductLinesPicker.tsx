import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { ProductQtyFields } from './ProductQtyFields.tsx'
import { useProductQty } from './use-product-qty.ts'
import type { WholeNumberRule } from './whole-number.ts'

export interface ProductLine {
  product: ProductWithStock
  qty: number
}

/**
 * Several products with a quantity each: pick one, type how many, Add; a product added again
 * replaces its line. Each line can be removed.
 */
export function ProductLinesPicker(props: {
  lines: readonly ProductLine[]
  onChange: (lines: ProductLine[]) => void
  rule: WholeNumberRule
  testIds: { product: string; add: string; line?: string }
}) {
  const pick = useProductQty(props.rule)
  const add = () => {
    const { product, qty } = pick
    if (!product || qty === undefined) return
    props.onChange([...props.lines.filter((l) => l.product.id !== product.id), { product, qty }])
    pick.clear()
  }
  return (
    <Stack gap={6}>
      <Group align="flex-end">
        <ProductQtyFields pick={pick} testId={props.testIds.product} />
        <Button
          variant="light"
          onClick={add}
          disabled={!pick.product || pick.qty === undefined}
          data-testid={props.testIds.add}
        >
          Add
        </Button>
      </Group>
      {props.lines.map((l) => (
        <Group key={l.product.id} justify="space-between" data-testid={props.testIds.line}>
          <Text size="sm">
            {l.qty} × {l.product.name}{' '}
            <Text span c="dimmed">
              ({l.product.here} here)
            </Text>
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${l.product.name}`}
            onClick={() => props.onChange(props.lines.filter((x) => x !== l))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  )
}
