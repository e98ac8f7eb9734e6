import { Button, Group, Text } from '@mantine/core'
import type { ProductView } from '../../../shared/api/views.ts'

/** Archive or restore and a link to the product's stock on the left; save on the right. */
export function ProductFormFooter(props: {
  product: ProductView | undefined
  canEdit: boolean
  pending: boolean
  onArchive: (archived: boolean) => void
  onOpenStock?: (productId: string) => void
}) {
  const { product } = props
  return (
    <Group justify="space-between" mt="md">
      <Group gap="xs">
        {product && props.canEdit ? (
          <Button
            variant="subtle"
            color={product.archived ? 'teal' : 'red'}
            onClick={() => props.onArchive(!product.archived)}
            disabled={props.pending}
          >
            {product.archived ? 'Restore' : 'Archive'}
          </Button>
        ) : null}
        {product && props.onOpenStock ? (
          <Button variant="subtle" onClick={() => props.onOpenStock?.(product.id)}>
            Stock
          </Button>
        ) : null}
      </Group>
      {props.canEdit ? (
        <Button type="submit" loading={props.pending}>
          {product ? 'Save changes' : 'Create product'}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          Managers edit the catalog.
        </Text>
      )}
    </Group>
  )
}
