import { Alert, Paper, Stack, Text } from '@mantine/core'
import type { IntegrityAlertView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'

const alertTitles: Record<string, string> = {
  clone: 'A till was copied',
  'duplicate-seq': 'An event arrived twice',
  gap: 'Events are missing',
  'negative-rights': 'Negative stock rights',
  malformed: 'Unreadable event skipped',
  'schema-newer': 'A newer app version is in use',
  'duplicate-sku': 'Two products share a SKU',
  'duplicate-barcode': 'Two products share a barcode',
}
const severe = new Set(['clone', 'negative-rights', 'schema-newer'])

/** The chain's integrity alerts in plain words, each with what to do. */
export function IntegrityAlerts() {
  const alerts = useStoreQuery('integrity.alerts', {}, { refreshOn: ['sync.status'] })
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Integrity alerts
      </Text>
      {alerts.error ? <Alert color="red">{alerts.error}</Alert> : null}
      {alerts.data && alerts.data.alerts.length === 0 ? (
        <Alert color="teal" variant="light" title="All clear" data-testid="alerts-clear">
          Every till's history is complete and consistent as far as this store has synced.
        </Alert>
      ) : null}
      <Stack gap="sm" data-testid="alerts-list">
        {(alerts.data?.alerts ?? []).map((a: IntegrityAlertView, i) => (
          <Alert
            key={`${a.kind}-${i}`}
            color={severe.has(a.kind) ? 'red' : 'orange'}
            variant="light"
            title={alertTitles[a.kind] ?? a.kind}
          >
            <Text size="sm">{a.message}</Text>
            <Text size="sm" fw={600} mt={4}>
              What to do:{' '}
              <Text span fw={400}>
                {a.advice}
              </Text>
            </Text>
          </Alert>
        ))}
      </Stack>
    </Paper>
  )
}
