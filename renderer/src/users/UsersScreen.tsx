import { Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core'
import { useState } from 'react'
import type { Role } from '../../../shared/api/roles.ts'
import type { UserView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { CreateUserModal } from './CreateUserModal.tsx'
import { ResetSignInModal } from './ResetSignInModal.tsx'

const roleColor: Record<Role, string> = { owner: 'grape', manager: 'indigo', cashier: 'teal' }

/** Cashiers and managers: create, reset PIN or password, disable. Owners are managed by owners. */
export function UsersScreen() {
  const { user: me } = useSession()
  const users = useStoreQuery('users.list', {})
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<UserView>()
  const isOwner = hasRole(me, 'owner')
  const disable = useStoreAction('users.disable', {
    invalidates: ['users.list'],
    failureTitle: 'Not changed',
  })
  const toggle = (u: UserView) =>
    void disable.run(
      { id: u.id, disabled: !u.disabled },
      `${u.displayName} ${u.disabled ? 'can log in again' : 'is disabled and logged out everywhere'}`,
    )
  const columns: Column<UserView>[] = [
    { header: 'Name', cell: (u) => <Text fw={500}>{u.displayName}</Text> },
    { header: 'Username', cell: (u) => <Text ff="monospace">{u.username}</Text> },
    {
      header: 'Role',
      cell: (u) => (
        <Badge color={roleColor[u.role]} variant="light">
          {u.role}
        </Badge>
      ),
    },
    { header: 'Sign-in', cell: (u) => <Text size="sm">{u.hasPin ? 'PIN + password' : 'password'}</Text> },
    {
      header: 'Status',
      cell: (u) =>
        u.disabled ? (
          <Badge color="gray" variant="outline">
            disabled
          </Badge>
        ) : (
          <Badge color="teal" variant="dot">
            active
          </Badge>
        ),
    },
    {
      header: '',
      cell: (u) =>
        u.id !== me.id && (u.role !== 'owner' || isOwner) ? (
          <Group gap="xs" justify="flex-end">
            <Button size="compact-xs" variant="default" onClick={() => setResetting(u)}>
              Reset PIN / password
            </Button>
            <Switch
              size="sm"
              checked={!u.disabled}
              onChange={() => toggle(u)}
              label={u.disabled ? 'Enable' : 'Enabled'}
              aria-label={`Enable ${u.username}`}
            />
          </Group>
        ) : u.id === me.id ? (
          <Text size="xs" c="dimmed" ta="right">
            you
          </Text>
        ) : null,
    },
  ]

  return (
    <Stack gap="md">
      <PageHeader
        title="Users & roles"
        subtitle="Cashiers sell and take returns; managers also restock, transfer and read reports; owners run the chain."
      >
        <Button onClick={() => setCreating(true)} data-testid="user-new">
          New user
        </Button>
      </PageHeader>
      <Paper withBorder p="md">
        <DataTable
          columns={columns}
          rows={users.data?.items}
          rowTestId={(u) => `user-row-${u.username}`}
          dimRow={(u) => u.disabled}
          error={users.error}
          testId="users-table"
          empty="No users yet."
        />
      </Paper>
      {creating ? <CreateUserModal isOwner={isOwner} onClose={() => setCreating(false)} /> : null}
      {resetting ? <ResetSignInModal user={resetting} onClose={() => setResetting(undefined)} /> : null}
    </Stack>
  )
}
