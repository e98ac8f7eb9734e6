import { Button, Group, Kbd, Modal, SimpleGrid, Stack, Text } from '@mantine/core'
import { Figure } from '../ui/Figure.tsx'
import type { SaleView } from '../../../shared/api/views.ts'
import { formatMoney } from '../format/money.ts'
import { ReceiptView } from './ReceiptView.tsx'
import { PrintButtons } from '../ui/PrintButtons.tsx'

/** After a sale: the change to hand back, the receipt, print, and on to the next customer. */
export function ReceiptModal(props: { sale: SaleView | undefined; currency: string; onClose: () => void }) {
  const { sale } = props
  return (
    <Modal opened={Boolean(sale)} onClose={props.onClose} title="Sale complete" centered size="lg">
      {sale ? (
        <Stack gap="md">
          <SimpleGrid cols={3}>
            <Figure
              size={24}
              label="Total"
              value={formatMoney(sale.totalMinor, props.currency)}
              testId="sale-total"
            />
            <Figure
              size={24}
              label={sale.payment.method === 'cash' ? 'Cash' : 'Paid by'}
              value={
                sale.payment.method === 'cash'
                  ? formatMoney(sale.payment.tenderedMinor, props.currency)
                  : sale.payment.method === 'card'
                    ? 'Card'
                    : 'Other'
              }
            />
            <Figure
              size={24}
              label="Change"
              value={formatMoney(sale.payment.changeMinor, props.currency)}
              {...(sale.payment.changeMinor > 0 ? { tone: 'teal' } : {})}
            />
          </SimpleGrid>
          <ReceiptView saleId={sale.id} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">F8</Kbd> or <Kbd size="xs">Esc</Kbd> next sale
            </Text>
            <Group>
              <PrintButtons saleId={sale.id} />
              <Button onClick={props.onClose} data-autofocus data-testid="next-sale">
                Next sale
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  )
}
