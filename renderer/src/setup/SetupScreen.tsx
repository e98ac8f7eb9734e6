import { Center, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core'
import { BrandMark } from '../ui/BrandMark.tsx'
import { CreateOrganizationForm } from './CreateOrganizationForm.tsx'
import { JoinOrganizationForm } from './JoinOrganizationForm.tsx'

/** First run of a till: start a new organization here, or join an existing one through its relay. */
export function SetupScreen({ onDone }: { onDone: () => void }) {
  return (
    <Center mih="100%" p="xl">
      <Paper withBorder shadow="sm" p="xl" w={560}>
        <Stack gap="lg">
          <Group gap="sm">
            <BrandMark size={40} />
            <div>
              <Title order={1} size="h2">
                Welcome to Allot
              </Title>
              <Text c="dimmed" size="sm">
                Set up this till once. It keeps working offline afterwards.
              </Text>
            </div>
          </Group>
          <Tabs defaultValue="create" variant="outline" keepMounted={false}>
            <Tabs.List grow>
              <Tabs.Tab value="create">Create an organization</Tabs.Tab>
              <Tabs.Tab value="join">Join an organization</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="create" pt="lg">
              <CreateOrganizationForm onDone={onDone} />
            </Tabs.Panel>
            <Tabs.Panel value="join" pt="lg">
              <JoinOrganizationForm onDone={onDone} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Paper>
    </Center>
  )
}
