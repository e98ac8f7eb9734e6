import {
  ActionIcon,
  AppShell,
  Badge,
  Box,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { hasRole, useSession } from '../app/session-context.tsx'
import { AssistantScreen } from '../assistant/AssistantScreen.tsx'
import type { AssistantScreen as AssistantTarget } from '../../../shared/api/views.ts'
import { CatalogScreen } from '../catalog/CatalogScreen.tsx'
import { PosScreen } from '../pos/PosScreen.tsx'
import { ReportsScreen } from '../reports/ReportsScreen.tsx'
import { SalesScreen } from '../sales/SalesScreen.tsx'
import { TransfersScreen } from '../transfers/TransfersScreen.tsx'
import { OrdersScreen } from '../orders/OrdersScreen.tsx'
import { CustomersScreen } from '../customers/CustomersScreen.tsx'
import { CountsScreen } from '../counts/CountsScreen.tsx'
import { ChainScreen } from '../chain/ChainScreen.tsx'
import { PurchasingScreen } from '../purchasing/PurchasingScreen.tsx'
import { UsersScreen } from '../users/UsersScreen.tsx'
import { DevicesScreen } from '../devices/DevicesScreen.tsx'
import { SettingsScreen } from '../settings/SettingsScreen.tsx'
import { StockScreen } from '../stock/StockScreen.tsx'
import { StatusScreen } from '../sync/StatusScreen.tsx'
import { ShiftScreen } from '../shifts/ShiftScreen.tsx'
import { SyncStatusBar } from '../sync/SyncStatusBar.tsx'
import { BrandMark } from '../ui/BrandMark.tsx'
import { navItems, type ScreenId } from './screens.ts'
import { UserMenu } from './UserMenu.tsx'

/**
 * The frame around every screen: header (store, user), left navigation (role-aware), the screen,
 * and the sync status bar. The checkout stays mounted so a cart survives a look at the stock.
 */
/** Where an assistant answer's link goes. */
const assistantTargets: Record<AssistantTarget, ScreenId> = {
  pos: 'pos',
  catalog: 'catalog',
  stock: 'stock',
  reports: 'reports',
  status: 'status',
  reservations: 'orders',
  purchasing: 'purchasing',
}

export function AppLayout() {
  const { user, setup, session } = useSession()
  const [screen, setScreen] = useState<ScreenId>('pos')
  const [stockProductId, setStockProductId] = useState<string>()
  const items = navItems.filter((item) => hasRole(user, item.minRole))
  // Below 1200 px the menu folds to its icons, so the checkout keeps its width; a button unfolds it.
  const narrow = useMediaQuery('(max-width: 1199px)', false, { getInitialValueInEffect: false })
  const [unfolded, setUnfolded] = useState(false)
  const compact = narrow && !unfolded

  const openStock = (productId: string) => {
    setStockProductId(productId)
    setScreen('stock')
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: compact ? 76 : 232, breakpoint: 0 }}
      footer={{ height: 34 }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {narrow ? (
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={compact ? 'Show the menu' : 'Fold the menu'}
                aria-expanded={!compact}
                onClick={() => setUnfolded((u) => !u)}
                data-testid="menu-toggle"
              >
                ☰
              </ActionIcon>
            ) : null}
            <BrandMark size={30} />
            <Text fw={700} size="lg">
              Allot
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="xs">
              {setup.orgName ?? ''}
            </Text>
            <Badge variant="light" color="teal" size="lg" radius="sm" data-testid="store-name">
              {session.storeName || setup.storeName}
            </Badge>
            {setup.salesLocked ? (
              <Badge color="orange" variant="filled">
                Sales paused
              </Badge>
            ) : null}
            {setup.readOnly ? (
              <Badge color="red" variant="filled">
                Read-only: update the app
              </Badge>
            ) : null}
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <ScrollArea style={{ flex: 1 }}>
          <Stack gap={4} component="nav" aria-label="Main">
            {items.map((item) => (
              <Tooltip key={item.id} label={item.label} position="right" disabled={!compact}>
                <NavLink
                  component="button"
                  type="button"
                  aria-label={compact ? item.label : undefined}
                  aria-current={screen === item.id ? 'page' : undefined}
                  active={screen === item.id}
                  label={compact ? undefined : item.label}
                  description={compact ? undefined : item.description}
                  onClick={() => setScreen(item.id)}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  leftSection={
                    <Box w={26} ta="center" c={screen === item.id ? 'teal.7' : 'gray.6'} fw={700} aria-hidden>
                      {item.glyph}
                    </Box>
                  }
                />
              </Tooltip>
            ))}
          </Stack>
        </ScrollArea>
        {compact ? null : (
          <Text size="xs" c="dimmed" px="xs" pt="sm">
            Till {session.replicaId.slice(0, 8)}
          </Text>
        )}
      </AppShell.Navbar>

      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100dvh' }}>
        <Box style={{ display: screen === 'pos' ? 'contents' : 'none' }}>
          <PosScreen active={screen === 'pos'} onOpenStock={openStock} />
        </Box>
        {screen === 'shift' ? <ShiftScreen /> : null}
        {screen === 'sales' ? <SalesScreen /> : null}
        {screen === 'catalog' ? <CatalogScreen onOpenStock={openStock} /> : null}
        {screen === 'stock' ? <StockScreen initialProductId={stockProductId} /> : null}
        {screen === 'transfers' ? <TransfersScreen /> : null}
        {screen === 'orders' ? <OrdersScreen /> : null}
        {screen === 'customers' ? <CustomersScreen /> : null}
        {screen === 'counts' ? <CountsScreen /> : null}
        {screen === 'chain' ? <ChainScreen /> : null}
        {screen === 'purchasing' ? <PurchasingScreen /> : null}
        {screen === 'reports' ? <ReportsScreen /> : null}
        {screen === 'users' ? <UsersScreen /> : null}
        {screen === 'devices' ? <DevicesScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
        {screen === 'status' ? <StatusScreen /> : null}
        {screen === 'assistant' ? (
          <AssistantScreen onNavigate={(target) => setScreen(assistantTargets[target])} />
        ) : null}
      </AppShell.Main>

      <AppShell.Footer>
        <SyncStatusBar onOpenDetails={() => setScreen('status')} />
      </AppShell.Footer>
    </AppShell>
  )
}
