import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { BrandMark } from '../ui/BrandMark.tsx'

/** Shown before a store is reachable: the app name, what is wrong, what to do. */
export function NoStoreScreen(props: {
  title: string
  reason?: string
  loading?: boolean
  offerReload?: boolean
}) {
  return (
    <Center h="100%" p="xl">
      <Paper withBorder shadow="sm" p="xl" w={460}>
        <Stack gap="md" align="center">
          <BrandMark size={56} />
          <Title order={1}>Allot</Title>
          <Text c="dimmed" ta="center">
            Inventory and point of sale, online or not.
          </Text>
          {props.loading ? <Loader size="sm" /> : null}
          <Text fw={600} ta="center">
            {props.title}
          </Text>
          {props.reason ? (
            <Text size="sm" c="dimmed" ta="center">
              {props.reason}
            </Text>
          ) : null}
          {props.offerReload ? <Button onClick={() => window.location.reload()}>Reload</Button> : null}
        </Stack>
      </Paper>
    </Center>
  )
}
