import { Alert, Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core'
import { useRef, useState, type FormEvent } from 'react'
import type { AssistantAnswer, AssistantScreen as Target } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { AssistantSettingsCard } from './AssistantSettingsCard.tsx'

interface Exchange {
  id: number
  question: string
  answer?: AssistantAnswer
  error?: string
}

const examples = [
  'What is low?',
  'How many green tea do we have?',
  'Best sellers this week',
  'Sales today in the chain',
  'What is waiting to sync?',
  'Items under 2 euros',
]

/**
 * Ask about stock and sales in plain words. Answers come from this store's own data (rules that
 * work offline); a language model is used only if a manager switched one on in settings.
 */
export function AssistantScreen({ onNavigate }: { onNavigate: (screen: Target) => void }) {
  const api = useApi()
  const { user } = useSession()
  const [question, setQuestion] = useState('')
  const [history, setHistory] = useState<Exchange[]>([])
  const [busy, setBusy] = useState(false)
  const nextId = useRef(1)

  const ask = (text: string) => {
    const q = text.trim()
    if (!q || busy) return
    const id = nextId.current++
    setHistory((h) => [{ id, question: q }, ...h])
    setQuestion('')
    setBusy(true)
    api['assistant.ask']({ question: q })
      .then(
        (answer) => setHistory((h) => h.map((x) => (x.id === id ? { ...x, answer } : x))),
        (e: unknown) =>
          setHistory((h) => h.map((x) => (x.id === id ? { ...x, error: describeError(e) } : x))),
      )
      .finally(() => setBusy(false))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    ask(question)
  }

  return (
    <Stack gap="md" data-testid="assistant-screen">
      <PageHeader
        title="Assistant"
        subtitle="Questions about stock and sales, answered from this store's data. Works offline."
      />
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput
            flex={1}
            label="Your question"
            placeholder="e.g. What should I reorder?"
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            maxLength={500}
            autoFocus
            data-testid="assistant-question"
          />
          <Button type="submit" loading={busy} color="teal">
            Ask
          </Button>
        </Group>
      </form>
      <Group gap="xs">
        {examples.map((e) => (
          <Button key={e} size="compact-sm" variant="light" color="gray" onClick={() => ask(e)}>
            {e}
          </Button>
        ))}
      </Group>
      <ScrollArea.Autosize mah="calc(100vh - 320px)">
        <Stack gap="sm">
          {history.map((x) => (
            <Paper key={x.id} withBorder p="md" radius="md" data-testid="assistant-exchange">
              <Text fw={600} mb={6}>
                {x.question}
              </Text>
              {x.error ? <Alert color="red">{x.error}</Alert> : null}
              {!x.answer && !x.error ? <Text c="dimmed">Thinking…</Text> : null}
              {x.answer ? <AnswerView answer={x.answer} onNavigate={onNavigate} /> : null}
            </Paper>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      {hasRole(user, 'manager') ? <AssistantSettingsCard /> : null}
    </Stack>
  )
}

function AnswerView({
  answer,
  onNavigate,
}: {
  answer: AssistantAnswer
  onNavigate: (screen: Target) => void
}) {
  return (
    <Stack gap="xs">
      <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="assistant-answer">
        {answer.answer}
      </Text>
      {answer.figures.length > 0 ? (
        <Table striped withTableBorder fz="sm">
          <Table.Tbody>
            {answer.figures.map((f, i) => (
              <Table.Tr key={`${f.label}-${i}`}>
                <Table.Td>{f.label}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {f.value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Group gap="xs">
        {answer.links.map((l) => (
          <Button
            key={`${l.screen}-${l.label}`}
            size="compact-sm"
            variant="default"
            onClick={() => onNavigate(l.screen)}
          >
            {l.label} →
          </Button>
        ))}
        <Badge variant="light" color={answer.source === 'llm' ? 'violet' : 'gray'} ml="auto">
          {answer.source === 'llm' ? 'language model' : 'offline rules'}
        </Badge>
      </Group>
      {answer.note ? (
        <Text size="xs" c="dimmed">
          {answer.note}
        </Text>
      ) : null}
    </Stack>
  )
}
