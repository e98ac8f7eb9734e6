import { Checkbox, Group, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { CountView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormSelect } from '../ui/FormSelect.tsx'
import { FormText } from '../ui/FormText.tsx'
import { InlineSubmit } from '../ui/InlineSubmit.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'

const scopes = [
  { value: 'everything', label: 'Everything (full count)' },
  { value: 'category', label: 'One category' },
  { value: 'stale', label: 'Not counted for some days' },
]
const daysRule = { min: 1, max: 3650, unit: 'days' }

/** Starts a stock count: what to count, and whether counters see the expected figures. */
export function NewCountForm({ onStarted }: { onStarted: (count: CountView) => void }) {
  const categories = useStoreQuery('catalog.categories', {}).data?.categories ?? []
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      scope: 'everything' as string | null,
      category: null as string | null,
      days: '30',
      blind: true,
    },
    validate: {
      name: rules.all(rules.required('a name for the count'), rules.maxChars(100)),
      category: (v, values) => (values.scope === 'category' && !v ? 'Pick a category' : null),
      days: (v, values) => (values.scope === 'stale' ? rules.wholeNumber(daysRule)(v) : null),
    },
    validateInputOnChange: true,
  })
  const start = useStoreAction('counts.start', {
    invalidates: ['counts.list'],
    setFieldErrors: form.setErrors,
  })
  const submit = async (v: typeof form.values) => {
    const scope =
      v.scope === 'category'
        ? { category: v.category ?? '' }
        : v.scope === 'stale'
          ? { countedMoreThanDaysAgo: wholeNumberOf(v.days) }
          : { everything: true as const }
    const count = await start.run(
      { name: v.name.trim(), scope, blind: v.blind },
      `Count “${v.name.trim()}” started`,
    )
    if (count) {
      form.reset()
      onStarted(count)
    }
  }
  return (
    <TitledCard title="Start a count">
      <form onSubmit={form.onSubmit((v) => void submit(v))}>
        <Stack gap="sm">
          <Group align="flex-start">
            <FormText
              form={form}
              name="name"
              label="Name"
              placeholder="Dairy shelf, Monday"
              testId="count-name"
            />
            <FormSelect
              form={form}
              name="scope"
              label="What to count"
              options={scopes}
              testId="count-scope"
            />
            {form.values.scope === 'category' ? (
              <FormSelect
                form={form}
                name="category"
                label="Category"
                options={categories.map((c) => ({ value: c.name, label: c.name }))}
                testId="count-category"
              />
            ) : null}
            {form.values.scope === 'stale' ? (
              <FormWholeNumber form={form} name="days" label="Counted more than (days) ago" rule={daysRule} />
            ) : null}
            <InlineSubmit pending={start.pending} testId="count-start">
              Start count
            </InlineSubmit>
          </Group>
          <Checkbox
            label="Blind count: counters do not see the expected quantities"
            {...form.getInputProps('blind', { type: 'checkbox' })}
          />
        </Stack>
      </form>
    </TitledCard>
  )
}
