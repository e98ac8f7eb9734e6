import { Button, Group, Modal, Stack, Text } from '@mantine/core'

/** Asks before a full cart is emptied (F8, New sale): "Keep the cart" has focus, so Enter keeps it. */
export function ClearCartModal(props: {
  opened: boolean
  items: number
  onKeep: () => void
  onClear: () => void
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onKeep}
      title="Empty the cart?"
      centered
      closeButtonProps={{ 'aria-label': 'Keep the cart' }}
    >
      <Stack gap="md">
        <Text>
          The cart holds {props.items} {props.items === 1 ? 'item' : 'items'} that have not been paid.
          Emptying it starts a new sale and nothing is recorded.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onKeep} data-autofocus data-testid="keep-cart">
            Keep the cart
          </Button>
          <Button color="red.8" onClick={props.onClear} data-testid="empty-cart">
            Empty the cart
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
