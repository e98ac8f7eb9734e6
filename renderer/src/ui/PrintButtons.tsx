import { Button } from '@mantine/core'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'

/**
 * Printing a receipt: on this till's network receipt printer when a manager set one (ESC/POS), and
 * always through the print dialog (the receipt area alone is printed, see app.css @media print).
 */
export function PrintButtons(props: { saleId?: string; refundId?: string; copy?: boolean }) {
  const printer = useStoreQuery('receipts.printer', {}).data?.printer
  const print = useStoreAction('receipts.print', {
    success: (r) => `Receipt ${r.receiptNo} sent to the printer`,
    failureTitle: 'Not printed',
  })
  return (
    <>
      {printer ? (
        <Button
          variant="default"
          loading={print.pending}
          onClick={() =>
            void print.run({
              ...(props.saleId && { saleId: props.saleId }),
              ...(props.refundId && { refundId: props.refundId }),
              ...(props.copy && { copy: true }),
            })
          }
          data-testid="print-network"
        >
          Print on receipt printer
        </Button>
      ) : null}
      <Button variant="default" onClick={() => window.print()}>
        {printer ? 'Print dialog' : 'Print receipt'}
      </Button>
    </>
  )
}
