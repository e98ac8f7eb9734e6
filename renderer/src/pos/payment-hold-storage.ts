// The holds a cart's payment took, kept in the window's storage: if the app stops mid-payment,
// the next start of this till's checkout gives them back instead of waiting for them to expire.

const keyOf = (replicaId: string) => `allot.paymentHold.${replicaId}`

export function rememberPaymentHold(replicaId: string, holdIds: readonly string[]): void {
  localStorage.setItem(keyOf(replicaId), JSON.stringify(holdIds))
}

export function forgetPaymentHold(replicaId: string): void {
  localStorage.removeItem(keyOf(replicaId))
}

export function paymentHoldLeftBehind(replicaId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(replicaId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}
