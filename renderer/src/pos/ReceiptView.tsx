import { Alert, Box, Code, Loader, Stack } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { ReceiptView as Receipt } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'

/** The store's receipt text for a sale, in the printable area (see app.css @media print). */
export function ReceiptView({ saleId }: { saleId: string }) {
  const api = useApi()
  const [receipt, setReceipt] = useState<Receipt>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let alive = true
    setReceipt(undefined)
    setError(undefined)
    api['sales.receipt']({ saleId }).then(
      (r) => alive && setReceipt(r),
      (e: unknown) => alive && setError(describeError(e)),
    )
    return () => {
      alive = false
    }
  }, [api, saleId])

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
