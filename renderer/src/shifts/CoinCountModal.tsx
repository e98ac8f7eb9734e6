import { Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { minorDigits } from '../../../shared/api/money.ts'
import { formatMoney } from '../format/money.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'

/** Coins and notes by currency precision: cents for most, whole units for yen-like currencies. */
function denominationsOf(currency: string): number[] {
  return minorDigits(currency) === 0
    ? [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1]
    : [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1]
}

/**
 * Counting the drawer by coin and note: how many of each, and the total. The counts go with the
 * float or the close (recorded on the shift), the total into the amount field.
 */
export function CoinCountModal(props: {
  opened: boolean
  currency: string
  onDone: (totalMinor: number, counts: Record<string, number>) => void
  onClose: () => void
}) {
  const values = denominationsOf(props.currency)
  const [texts, setTexts] = useState<Record<string, string>>({})
  useEffect(() => {
    if (props.opened) setTexts({})
  }, [props.opened])
  const counts = Object.fromEntries(
    Object.entries(texts)
      .filter(([, t]) => /^\d{1,6}$/.test(t.trim()) && Number(t) > 0)
      .map(([d, t]) => [d, Number(t)]),
  )
  const total = Object.entries(counts).reduce((sum, [d, n]) => sum + Number(d) * n, 0)
  const bad = Object.values(texts).some((t) => t.trim() !== '' && !/^\d{1,6}$/.test(t.trim()))
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Count coins and notes" centered size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {values.map((d) => (
            <TextInput
              key={d}
              label={formatMoney(d, props.currency)}
              inputMode="numeric"
              value={texts[String(d)] ?? ''}
              error={
                texts[String(d)] && !/^\d{1,6}$/.test(texts[String(d)]!.trim()) ? 'A whole number' : undefined
              }
              onChange={(e) => {
                const text = e.currentTarget.value
                setTexts((t) => ({ ...t, [String(d)]: text }))
              }}
              data-testid={`coins-${d}`}
            />
          ))}
        </SimpleGrid>
        <Group justify="space-between">
          <Text c="dimmed">Total counted</Text>
          <Text fz={24} fw={700} className="num" data-testid="coins-total">
            {formatMoney(total, props.currency)}
          </Text>
        </Group>
        <ModalFooter
          onCancel={props.onClose}
          confirmLabel="Use this count"
          disabled={bad}
          onConfirm={() => props.onDone(total, counts)}
          testId="coins-use"
        />
      </Stack>
    </Modal>
  )
}
