import { Alert, Box, Code, Loader, Stack } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'

/** The store's receipt text for a sale, in the printable area (see app.css @media print). */
export function ReceiptView({ saleId }: { saleId: string }) {
  const { data: receipt, error } = useStoreQuery('sales.receipt', { saleId })

  if (error) return <Alert color="red">{error}</Alert>
  if (!receipt) return <Loader size="sm" />
  return (
    <Box className="print-receipt" data-testid="receipt">
      <Stack gap={4}>
        <Code block style={{ fontSize: 13, lineHeight: 1.45, whiteSpace: 'pre', background: 'white' }}>
          {receipt.header && !receipt.text.startsWith(receipt.header) ? `${receipt.header}\n` : ''}
          {receipt.text}
        </Code>
      </Stack>
    </Box>
  )
}
