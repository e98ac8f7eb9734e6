import type { Role } from '../core/schema.ts'

export type { Role }

/** Who may call a method: 'public' needs no login; the roles are ordered cashier < manager < owner. */
export type Access = 'public' | Role

const rank: Record<Role, number> = { cashier: 1, manager: 2, owner: 3 }

export function roleAllows(role: Role, required: Access): boolean {
  return required === 'public' || rank[role] >= rank[required]
}
