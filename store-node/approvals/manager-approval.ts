import { roleAllows } from '../../shared/api/roles.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { NodeContext } from '../api/context.ts'
import { LoginThrottle } from '../trust/login-throttle.ts'
import { verifySecret } from '../trust/passwords.ts'
import { mayWorkAtStore } from '../trust/store-access.ts'
import { loginCandidates } from '../services/users.ts'

export interface Approver {
  id: string
  username: string
}

/**
 * A manager approves on the cashier's till by typing their username and PIN: checked like a PIN
 * login (same hash, throttled per name), but nobody is logged in or out. Every refusal is
 * APPROVAL_REQUIRED, so the till asks again instead of logging the cashier out.
 */
export type ManagerApproval = (approval: { username: string; pin: string }) => Promise<Approver>

export function createManagerApproval(ctx: NodeContext): ManagerApproval {
  const throttle = new LoginThrottle({ nowMs: () => ctx.nowMs() })
  return async ({ username, pin }) => {
    const name = username.toLowerCase()
    let attempt
    try {
      attempt = throttle.reserve(name)
    } catch (error) {
      const retryAfterMs = (error as ApiError).details
      throw new ApiError('APPROVAL_REQUIRED', 'Too many wrong PINs: wait a minute and try again', {
        reason: 'throttled',
        ...(retryAfterMs && typeof retryAfterMs === 'object' ? retryAfterMs : {}),
      })
    }
    const storeId = ctx.identity().storeId
    for (const candidate of loginCandidates(ctx, name).slice(0, 3)) {
      const u = candidate.user
      if (u.disabled || u.pinHash === '' || !roleAllows(u.role, 'manager') || !mayWorkAtStore(u, storeId))
        continue
      if (await verifySecret(pin, u.pinHash, () => undefined)) {
        attempt.succeeded()
        return { id: candidate.id, username: u.username }
      }
    }
    attempt.failed()
    throw new ApiError('APPROVAL_REQUIRED', 'Wrong manager name or PIN', { reason: 'wrong-pin' })
  }
}
