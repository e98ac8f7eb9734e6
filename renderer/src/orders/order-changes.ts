/** What a hold or an order changes: both lists show it. */
export const orderChanges = ['reservations.list', 'orders.list'] as const
