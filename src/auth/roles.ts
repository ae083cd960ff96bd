/**
 * Who may do what. A key has one role; a driver key also names the driver it speaks for.
 * The endpoint matrix is in policy.ts.
 */
export const ROLES = ['planner', 'driver', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of a request, as authentication established it. */
export interface Principal {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  /** Set for driver keys only. */
  readonly driverId: string | null;
}

export function principalLabel(p: Principal): string {
  return `key ${p.keyId} (${p.name}, ${p.role}${p.driverId ? ` ${p.driverId}` : ''})`;
}
