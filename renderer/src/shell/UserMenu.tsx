import { Avatar, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core'
import { useSession } from '../app/session-context.tsx'

/** Who is logged in, with the fast cashier switch one click away. */
export function UserMenu() {
  const { user, switchUser, logout } = useSession()
  const initials = (user.displayName || user.username)
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
  return (
    <Group gap="sm" wrap="nowrap">
      <Button variant="default" size="xs" onClick={() => void switchUser()}>
        Switch cashier
      </Button>
      <Menu position="bottom-end" width={220}>
        <Menu.Target>
          <UnstyledButton aria-label="User menu">
            <Group gap="xs" wrap="nowrap">
              <Avatar color="teal" radius="xl" size={32}>
                {initials}
              </Avatar>
              <div>
                <Text size="sm" fw={600} lh={1.2} data-testid="current-user">
                  {user.displayName || user.username}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2} tt="capitalize">
                  {user.role}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.username}</Menu.Label>
          <Menu.Item onClick={() => void switchUser()}>Switch cashier (PIN)</Menu.Item>
          <Menu.Item color="red" onClick={() => void logout()}>
            Log out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  )
}
