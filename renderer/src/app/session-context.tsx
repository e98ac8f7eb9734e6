import { requiredContext } from './required-context.tsx'
import type { Role } from '../../../shared/api/roles.ts'
import type { SessionView, SetupStatus, UserView } from '../../../shared/api/views.ts'

/** The logged-in user and the store this window works for. */
export interface SessionInfo {
  user: UserView
  session: SessionView
  setup: SetupStatus
  currency: string
  /** Ends the session (back to the login screen). */
  logout(): Promise<void>
  /** Fast cashier switch: keep the till, hand it to someone else. */
  switchUser(): Promise<void>
}

/** `SessionProvider value={…}` around the signed-in screens; `useSession()` inside them. */
export const [SessionProvider, useSession] = requiredContext<SessionInfo>('useSession')

const rank: Record<Role, number> = { cashier: 1, manager: 2, owner: 3 }

/** Whether the current role reaches `required`. The store enforces this; the UI only hides. */
export function hasRole(user: UserView, required: Role): boolean {
  return rank[user.role] >= rank[required]
}
