import {
  Alert,
  Button,
  Code,
  FileButton,
  Group,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type { ImportReport } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { useStoreAction } from '../api/use-store-action.ts'

const expectedHeader = 'sku,name,barcode,price,taxRate,unit,reorderPoint,policy,archived,category'

/** Counts data lines (not the header, not blank lines) to size the progress bar. */
function dataLines(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1)
}

/** CSV import: pick a file, watch the progress pushed by the store, then read per-line errors. */
export function ImportCsvModal(props: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const api = useApi()
  const [file, setFile] = useState<File | null>(null)
  const [total, setTotal] = useState(0)
  const [processed, setProcessed] = useState(0)
  const [report, setReport] = useState<ImportReport>()
  const importCsv = useStoreAction('catalog.importCsv', { showError: 'inline' })
  const running = importCsv.pending
  const error = importCsv.error
  const { clearError } = importCsv

  useEffect(() => {
    if (!props.opened) return
    setFile(null)
    setReport(undefined)
    clearError()
    setProcessed(0)
    setTotal(0)
  }, [props.opened, clearError])

  useEffect(() => api.on('catalog.importProgress', (p) => setProcessed(p.processed)), [api])

  async function run() {
    if (!file) return
    const csv = await file.text()
    setTotal(dataLines(csv))
    setProcessed(0)
    setReport(undefined)
    const result = await importCsv.run({ csv })
    if (!result) return
    setReport(result)
    setProcessed(dataLines(csv))
    props.onImported()
  }

  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Import products from CSV" size="lg" centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          One product per line; prices as decimals (12.50), tax as a percent. Existing SKUs are updated, new
          ones created. Columns:
        </Text>
        <Code block>{expectedHeader}</Code>
        <Group>
          <FileButton
            onChange={setFile}
            accept=".csv,text/csv"
            inputProps={{ 'data-testid': 'csv-file' } as never}
          >
            {(buttonProps) => (
              <Button variant="default" {...buttonProps}>
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" data-testid="csv-file-name">
            {file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : 'No file chosen'}
          </Text>
        </Group>
        {running || report ? (
          <Stack gap={4}>
            <Progress
              value={report ? 100 : percent}
              animated={running}
              size="lg"
              data-testid="import-progress"
            />
            <Text size="xs" c="dimmed" className="num">
              {report ? total : processed} of {total} lines
            </Text>
          </Stack>
        ) : null}
        {report ? (
          <Alert
            color={report.errors.length > 0 ? 'yellow' : 'teal'}
            variant="light"
            title="Import finished"
            data-testid="import-report"
          >
            {report.imported} created, {report.updated} updated, {report.errors.length} with errors.
          </Alert>
        ) : null}
        {report && report.errors.length > 0 ? (
          <ScrollArea.Autosize mah={220}>
            <Table striped data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Line</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e) => (
                  <Table.Tr key={`${e.line}:${e.message}`}>
                    <Table.Td className="num">{e.line}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        ) : null}
        {error ? (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {report ? 'Close' : 'Cancel'}
          </Button>
          <Button
            onClick={() => void run()}
            disabled={!file || running}
            loading={running}
            data-testid="start-import"
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
