/**
 * Who may call what: one table for the whole API, checked before any route runs, so no endpoint
 * is left uncovered. The first entry whose method and path match decides; anything not listed
 * needs an admin key. Ownership (a driver sees only their own routes and reports) is checked by
 * the routes themselves, on top of this table.
 *
 * Paths: `:x` is one segment, `**` any rest (including nothing). Matching ignores case and a
 * trailing slash, as Express routing does, so the table and the routers always agree.
 */
import type { Role } from './roles.ts';

/** Which rate-limit budget a request spends (limits.ts has the numbers). */
export type LimitClass = 'read' | 'write' | 'feedback';

export interface PolicyEntry {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** `public`: no key needed; otherwise the roles allowed (admin is always listed). */
  readonly access: 'public' | readonly Role[];
  readonly limit: LimitClass;
  /** What the role check does not say (ownership), for the docs. */
  readonly note?: string;
}

const READERS: readonly Role[] = ['planner', 'manager', 'admin'];
const EVERYONE: readonly Role[] = ['planner', 'driver', 'manager', 'admin'];
const PLANNERS: readonly Role[] = ['planner', 'admin'];

export const POLICY: readonly PolicyEntry[] = [
  { method: 'GET', path: '/healthz', access: 'public', limit: 'read' },
  { method: 'GET', path: '/openapi.json', access: 'public', limit: 'read' },
  // The web app's files (src/web): no data in them; the pages call the API with the user's key.
  { method: 'GET', path: '/', access: 'public', limit: 'read' },
  { method: 'GET', path: '/app/**', access: 'public', limit: 'read' },
  { method: 'GET', path: '/v1/me', access: EVERYONE, limit: 'read' },
  { method: 'POST', path: '/v1/plans', access: PLANNERS, limit: 'write' },
  { method: 'DELETE', path: '/v1/plans/:id', access: PLANNERS, limit: 'write' },
  { method: 'GET', path: '/v1/plans/**', access: READERS, limit: 'read' },
  {
    method: 'GET',
    path: '/v1/drivers/:driverId/routes',
    access: EVERYONE,
    limit: 'read',
    note: 'a driver key only its own driverId (or "me")',
  },
  {
    method: 'POST',
    path: '/v1/feedback',
    access: ['driver', 'admin'],
    limit: 'feedback',
    note: 'a driver key only on a route with its driverId',
  },
  {
    method: 'GET',
    path: '/v1/feedback/**',
    access: EVERYONE,
    limit: 'read',
    note: 'a driver key sees only its own reports',
  },
  { method: 'GET', path: '/v1/constraints/**', access: READERS, limit: 'read' },
  { method: 'POST', path: '/v1/constraints/:id/accept', access: PLANNERS, limit: 'write' },
  { method: 'POST', path: '/v1/constraints/:id/reject', access: PLANNERS, limit: 'write' },
  { method: 'POST', path: '/v1/constraints/:id/expire', access: PLANNERS, limit: 'write' },
  { method: 'GET', path: '/v1/ledger/**', access: READERS, limit: 'read' },
];

/** What is not in POLICY: admin keys only. */
export const DEFAULT_ENTRY: PolicyEntry = { method: 'GET', path: '**', access: ['admin'], limit: 'write' };

interface Compiled {
  readonly entry: PolicyEntry;
  readonly pattern: RegExp;
}

const COMPILED: readonly Compiled[] = POLICY.map((entry) => ({ entry, pattern: compilePath(entry.path) }));

export function compilePath(path: string): RegExp {
  const parts = path.split('/').filter(Boolean);
  let re = '';
  for (const p of parts) {
    if (p === '**') re += '(?:/.*)?';
    else if (p.startsWith(':')) re += '/[^/]+';
    else re += `/${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  }
  return new RegExp(`^${re}/?$`, 'i');
}

/** The entry that decides a request (HEAD counts as GET). */
export function policyFor(method: string, path: string): PolicyEntry {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  for (const c of COMPILED) if (c.entry.method === m && c.pattern.test(path)) return c.entry;
  return DEFAULT_ENTRY;
}

export function allows(entry: PolicyEntry, role: Role): boolean {
  return entry.access !== 'public' && entry.access.includes(role);
}
