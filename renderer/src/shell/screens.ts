import type { Role } from '../../../shared/api/roles.ts'

export type ScreenId =
  | 'pos'
  | 'shift'
  | 'sales'
  | 'catalog'
  | 'stock'
  | 'transfers'
  | 'orders'
  | 'customers'
  | 'counts'
  | 'chain'
  | 'purchasing'
  | 'reports'
  | 'users'
  | 'devices'
  | 'settings'
  | 'status'
  | 'assistant'

export interface NavItem {
  id: ScreenId
  label: string
  description: string
  /** Lowest role that sees the item. The store enforces access anyway; this only declutters. */
  minRole: Role
  glyph: string
}

export const navItems: readonly NavItem[] = [
  { id: 'pos', label: 'Checkout', description: 'Scan and sell', minRole: 'cashier', glyph: '⌁' },
  {
    id: 'shift',
    label: 'Shift & drawer',
    description: 'Float, cash in and out, the count',
    minRole: 'cashier',
    glyph: '▣',
  },
  {
    id: 'sales',
    label: 'Sales & refunds',
    description: 'Past sales, receipts, returns',
    minRole: 'cashier',
    glyph: '↺',
  },
  { id: 'catalog', label: 'Catalog', description: 'Products and prices', minRole: 'cashier', glyph: '▤' },
  {
    id: 'stock',
    label: 'Stock',
    description: 'Rights per store, restock, transfer',
    minRole: 'cashier',
    glyph: '▦',
  },
  {
    id: 'transfers',
    label: 'Transfers',
    description: 'Requests, shipments, policy',
    minRole: 'manager',
    glyph: '⇄',
  },
  {
    id: 'orders',
    label: 'Holds & orders',
    description: 'Reservations, order board',
    minRole: 'cashier',
    glyph: '◫',
  },
  {
    id: 'counts',
    label: 'Stock counts',
    description: 'Count shelves, post variances',
    minRole: 'cashier',
    glyph: '#',
  },
  {
    id: 'purchasing',
    label: 'Purchasing',
    description: 'Suppliers, orders, deliveries',
    minRole: 'manager',
    glyph: '⇲',
  },
  {
    id: 'customers',
    label: 'Customers',
    description: 'Who bought what',
    minRole: 'manager',
    glyph: '☻',
  },
  {
    id: 'chain',
    label: 'The chain',
    description: 'Dashboard, stock matrix',
    minRole: 'manager',
    glyph: '◎',
  },
  {
    id: 'reports',
    label: 'Reports',
    description: 'Sales, top sellers, low stock',
    minRole: 'manager',
    glyph: '▁▃▅',
  },
  { id: 'users', label: 'Users', description: 'Cashiers, managers, PINs', minRole: 'manager', glyph: '☺' },
  {
    id: 'devices',
    label: 'Integrity & devices',
    description: 'Alerts, tills, retire',
    minRole: 'manager',
    glyph: '◈',
  },
  {
    id: 'settings',
    label: 'Settings',
    description: 'Receipt, relay, backups',
    minRole: 'manager',
    glyph: '⚙',
  },
  {
    id: 'assistant',
    label: 'Assistant',
    description: 'Ask about stock and sales',
    minRole: 'cashier',
    glyph: '?',
  },
  {
    id: 'status',
    label: 'Sync & alerts',
    description: 'Pending items and integrity',
    minRole: 'cashier',
    glyph: '⟳',
  },
]
