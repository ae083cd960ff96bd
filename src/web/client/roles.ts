/**
 * Which role sees which page: a page is offered, rendered and allowed to fetch only for the roles
 * the server lets call every endpoint the page uses (src/auth/policy.ts). The server refuses the
 * rest anyway; this keeps the client from even asking.
 */
import type { Role } from './types.ts';

export type PageId = 'planner' | 'constraints' | 'manager' | 'driver';

export interface PageInfo {
  readonly id: PageId;
  readonly label: string;
  readonly roles: readonly Role[];
  /** What the page is for, said to someone who may not open it. */
  readonly purpose: string;
}

export const PAGES: readonly PageInfo[] = [
  { id: 'planner', label: 'Plan a day', roles: ['planner', 'admin'], purpose: 'planning a day' },
  {
    id: 'constraints',
    label: 'Review constraints',
    roles: ['planner', 'admin'],
    purpose: 'reviewing what drivers taught the planner',
  },
  {
    id: 'manager',
    label: 'Ledger',
    roles: ['manager', 'planner', 'admin'],
    purpose: 'the ledger of CO2e saved and spent',
  },
  { id: 'driver', label: 'My route', roles: ['driver'], purpose: "a driver's own route" },
];

export function pagesFor(role: Role): PageInfo[] {
  return PAGES.filter((p) => p.roles.includes(role));
}

export function mayOpen(role: Role, page: PageId): boolean {
  return PAGES.some((p) => p.id === page && p.roles.includes(role));
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): PageId {
  return pagesFor(role)[0]?.id ?? 'manager';
}
