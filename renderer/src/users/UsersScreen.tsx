import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { Role } from '../../../shared/api/roles.ts'
import type { UserView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { useStoreQuery } from '../api/use-store-query.ts'

const roleColor: Record<Role, string> = { owner: 'grape', manager: 'indigo', cashier: 'teal' }

/** Cashiers and managers: create, reset PIN or password, disable. Owners are managed by owners. */
export function UsersScreen() {
  const api = useApi()
  const { user: me } = useSession()
  const users = useStoreQuery('users.list', {})
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<UserView>()
  const reload = users.reload
  const isOwner = hasRole(me, 'owner')

  const toggle = async (u: UserView) => {
    try {
      await api['users.disable']({ id: u.id, disabled: !u.disabled })
      notifications.show({
        color: u.disabled ? 'teal' : 'orange',
        message: `${u.displayName} ${u.disabled ? 'can log in again' : 'is disabled and logged out everywhere'}`,
      })
      reload()
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not changed', message: describeError(e) })
    }
  }

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
      {users.error ? <Alert color="red">{users.error}</Alert> : null}
      <Paper withBorder p="md">
        <Table verticalSpacing="sm" striped data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Username</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Sign-in</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data?.items ?? []).map((u) => {
              const manageable = u.id !== me.id && (u.role !== 'owner' || isOwner)
              return (
                <Table.Tr
                  key={u.id}
                  data-testid={`user-row-${u.username}`}
                  style={{ opacity: u.disabled ? 0.6 : 1 }}
                >
                  <Table.Td fw={500}>{u.displayName}</Table.Td>
                  <Table.Td ff="monospace">{u.username}</Table.Td>
                  <Table.Td>
                    <Badge color={roleColor[u.role]} variant="light">
                      {u.role}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.hasPin ? 'PIN + password' : 'password'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {u.disabled ? (
                      <Badge color="gray" variant="outline">
                        disabled
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="dot">
                        active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {manageable ? (
                      <Group gap="xs" justify="flex-end">
                        <Button size="compact-xs" variant="default" onClick={() => setResetting(u)}>
                          Reset PIN / password
                        </Button>
                        <Switch
                          size="sm"
                          checked={!u.disabled}
                          onChange={() => void toggle(u)}
                          label={u.disabled ? 'Enable' : 'Enabled'}
                          aria-label={`Enable ${u.username}`}
                        />
                      </Group>
                    ) : u.id === me.id ? (
                      <Text size="xs" c="dimmed" ta="right">
                        you
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {creating ? (
        <CreateUserModal isOwner={isOwner} onClose={() => setCreating(false)} onDone={reload} />
      ) : null}
      {resetting ? (
        <ResetModal user={resetting} onClose={() => setResetting(undefined)} onDone={reload} />
      ) : null}
    </Stack>
  )
}

function CreateUserModal({
  isOwner,
  onClose,
  onDone,
}: {
  isOwner: boolean
  onClose: () => void
  onDone: () => void
}) {
  const api = useApi()
  const [displayName, setDisplayName] = useState('')
  const [username, setUsername] = useState('')
  const [role, setRole] = useState<Role>('cashier')
  const [pin, setPin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const submit = async () => {
    try {
      await api['users.create']({
        displayName: displayName.trim(),
        username: username.trim(),
        role,
        ...(pin ? { pin } : {}),
        ...(password ? { password } : {}),
      })
      notifications.show({ color: 'teal', message: `${displayName} can now log in as ${username}` })
      onDone()
      onClose()
    } catch (e) {
      setError(describeError(e))
    }
  }
  return (
    <Modal opened onClose={onClose} title="New user" centered>
      <Stack>
        <TextInput
          label="Full name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          data-testid="user-display"
        />
        <TextInput
          label="Username"
          description="letters, digits, dot, dash, underscore"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
          data-testid="user-username"
        />
        <Select
          label="Role"
          value={role}
          onChange={(v) => setRole((v as Role | null) ?? 'cashier')}
          allowDeselect={false}
          data={[
            { value: 'cashier', label: 'Cashier — sells, refunds, holds' },
            { value: 'manager', label: 'Manager — stock, transfers, reports, users' },
            ...(isOwner ? [{ value: 'owner', label: 'Owner — whole chain, devices, restore' }] : []),
          ]}
          data-testid="user-role"
        />
        <Group grow>
          <PasswordInput
            label="PIN (4–8 digits)"
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
            inputMode="numeric"
            data-testid="user-pin"
          />
          <PasswordInput
            label="Password (8+ characters)"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="user-password"
          />
        </Group>
        <Text size="xs" c="dimmed">
          Cashiers usually sign in with a PIN; managers should also have a password.
        </Text>
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void submit()}
            disabled={!displayName.trim() || !username.trim() || (!pin && !password)}
            data-testid="user-create"
          >
            Create user
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function ResetModal({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: () => void }) {
  const api = useApi()
  const [pin, setPin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const submit = async () => {
    try {
      await api['users.update']({ id: user.id, ...(pin ? { pin } : {}), ...(password ? { password } : {}) })
      notifications.show({
        color: 'teal',
        message: `New ${pin && password ? 'PIN and password' : pin ? 'PIN' : 'password'} set for ${user.displayName}`,
      })
      onDone()
      onClose()
    } catch (e) {
      setError(describeError(e))
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Reset sign-in for ${user.displayName}`} centered>
      <Stack>
        <PasswordInput
          label="New PIN (4–8 digits)"
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          data-testid="reset-pin"
        />
        <PasswordInput
          label="New password (8+ characters)"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="reset-password"
        />
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={!pin && !password} data-testid="reset-save">
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
