import {
  Badge,
  Group,
  Kbd,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { formatMoney } from '../format/money.ts'
import { lookupCode, weighFirst } from './lookup-code.ts'

const searchDelayMs = 180

/**
 * The scanner-first input. A scanner types the barcode fast and presses Enter: Enter looks the
 * code up and adds it. A person typing a name sees search results (arrow keys + Enter, or click).
 * Scans are handled in order, one after another, even if they arrive faster than the store answers.
 */
export function ScanBox(props: {
  inputRef: RefObject<HTMLInputElement | null>
  /** The chain of code lookups in flight; the checkout waits for it before taking payment. */
  queue: RefObject<Promise<void>>
  currency: string
  /** `label`: a scale label's line (`qty` its grams, or one piece). */
  onAdd: (product: ProductWithStock, qty: number, label?: string) => void
  onMessage: (message: { tone: 'error' | 'warning'; text: string } | undefined) => void
}) {
  const api = useApi()
  const [value, setValue] = useState('')
  const [results, setResults] = useState<ProductWithStock[]>([])
  const [highlighted, setHighlighted] = useState(-1)
  const [busy, setBusy] = useState(0)
  const queue = props.queue
  const searchSeq = useRef(0)
  const { onAdd, onMessage } = props

  // Search as you type (debounced); a newer keystroke or an Enter makes older answers stale.
  useEffect(() => {
    const query = value.trim()
    const seq = ++searchSeq.current
    if (query.length < 2) {
      setResults([])
      setHighlighted(-1)
      return
    }
    const timer = setTimeout(() => {
      api['catalog.search']({ query, limit: 8 }).then(
        (r) => {
          if (seq !== searchSeq.current) return
          setResults(r.items)
          setHighlighted(-1)
        },
        () => undefined,
      )
    }, searchDelayMs)
    return () => clearTimeout(timer)
  }, [api, value])

  function resetInput() {
    searchSeq.current++
    setValue('')
    setResults([])
    setHighlighted(-1)
  }

  function addPicked(product: ProductWithStock) {
    resetInput()
    if (product.archived)
      onMessage({ tone: 'warning', text: `${product.name} is archived and cannot be sold.` })
    else if (product.byWeight) onMessage({ tone: 'warning', text: weighFirst(product) })
    else {
      onMessage(undefined)
      onAdd(product, 1)
    }
    props.inputRef.current?.focus()
  }

  function submitCode(text: string) {
    resetInput()
    setBusy((n) => n + 1)
    queue.current = queue.current.then(async () => {
      try {
        const found = await lookupCode(api, text)
        if (found.kind === 'found') {
          onMessage(undefined)
          onAdd(found.product, found.qty, found.label)
        } else if (found.kind === 'refused') {
          onMessage({ tone: 'warning', text: found.message })
        } else if (found.kind === 'misread') {
          onMessage({
            tone: 'error',
            text: `The scale label ${found.code} did not read right: scan it again.`,
          })
        } else if (found.kind === 'archived') {
          onMessage({ tone: 'warning', text: `${found.product.name} is archived and cannot be sold.` })
        } else {
          onMessage({ tone: 'error', text: `No product with barcode or SKU “${found.code}”.` })
        }
      } catch (error) {
        onMessage({ tone: 'error', text: describeError(error) })
      } finally {
        setBusy((n) => n - 1)
      }
    })
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault()
      setHighlighted((h) => Math.min(results.length - 1, h + 1))
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault()
      setHighlighted((h) => Math.max(-1, h - 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const picked = highlighted >= 0 ? results[highlighted] : undefined
      if (picked) addPicked(picked)
      else if (value.trim()) submitCode(value)
    } else if (event.key === 'Escape' && value) {
      event.preventDefault()
      event.stopPropagation()
      resetInput()
    }
  }

  return (
    <div style={{ position: 'relative' }}>
      <TextInput
        ref={props.inputRef}
        size="lg"
        data-testid="scan-input"
        aria-label="Scan a barcode or search products"
        placeholder="Scan a barcode, or type a name, SKU or 3*barcode"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        leftSection={busy > 0 ? <Loader size="xs" /> : <Text c="dimmed">⌕</Text>}
        rightSectionWidth={64}
        rightSection={<Kbd size="xs">F2</Kbd>}
      />
      {results.length > 0 ? (
        <Paper
          withBorder
          shadow="md"
          p={4}
          style={{ position: 'absolute', top: '100%', left: 0, right: 0, zIndex: 20, marginTop: 4 }}
          data-testid="search-results"
        >
          <ScrollArea.Autosize mah={340}>
            <Stack gap={2}>
              {results.map((product, index) => (
                <UnstyledButton
                  key={product.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => addPicked(product)}
                  px="sm"
                  py={6}
                  style={{
                    borderRadius: 'var(--mantine-radius-sm)',
                    background: index === highlighted ? 'var(--mantine-color-teal-0)' : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {product.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {product.sku} · {product.barcode || 'no barcode'}
                      </Text>
                    </div>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color={product.here > 0 ? 'teal' : 'red'} className="num">
                        {product.here} here / {product.chain} chain
                      </Badge>
                      <Text size="sm" fw={600} className="num" w={90} ta="right">
                        {formatMoney(product.priceMinor, props.currency)}
                      </Text>
                    </Group>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Paper>
      ) : null}
    </div>
  )
}
