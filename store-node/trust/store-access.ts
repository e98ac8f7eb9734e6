import type { User } from '../../shared/core/schema.ts'

/**
 * Owners work at every store of the organization; cashiers and managers only at the stores their
 * account lists (`storeIds`). Checked at login and on every call, so removing a store from an
 * account takes effect at once, like disabling it.
 */
export function mayWorkAtStore(user: Pick<User, 'role' | 'storeIds'>, storeId: string | undefined): boolean {
  if (user.role === 'owner') return true
  return storeId !== undefined && user.storeIds.includes(storeId)
}
