import type { Role } from '../../../shared/api/roles.ts'

export type ScreenId = 'pos' | 'sales' | 'catalog' | 'stock' | 'reports' | 'status'

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
    id: 'reports',
    label: 'Reports',
    description: 'Sales per day and store',
    minRole: 'manager',
    glyph: '▁▃▅',
  },
  {
    id: 'status',
    label: 'Sync & alerts',
    description: 'Pending items and integrity',
    minRole: 'cashier',
    glyph: '⟳',
  },
]
