/**
 * Planners decide: accept a proposed (or earlier rejected) constraint, reject one, or expire an
 * active one now. Accepting replaces any active constraint of the same kind and scope (e.g. new
 * opening hours replace the old ones), which is marked expired with the reason. Every decision
 * is kept in the constraint's history with who made it and why.
 */
import { type Principal, principalLabel } from '../auth/roles.ts';
import type { Store } from '../store/index.ts';
import { scopeKey } from './describe.ts';
import type { ConstraintStatus, LearnedConstraint } from './types.ts';

export const REVIEW_ACTIONS = ['accept', 'reject', 'expire'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_STEPS: Readonly<Record<ReviewAction, { from: readonly ConstraintStatus[]; to: ConstraintStatus }>> =
  {
    accept: { from: ['proposed', 'rejected'], to: 'active' },
    reject: { from: ['proposed', 'active'], to: 'rejected' },
    expire: { from: ['active'], to: 'expired' },
  };

export type Reviewed =
  | { readonly ok: true; readonly constraint: LearnedConstraint; readonly superseded: readonly string[] }
  | { readonly ok: false; readonly status: 404 | 409; readonly code: string; readonly message: string };

export function reviewConstraint(
  store: Store,
  id: string,
  action: ReviewAction,
  caller: Principal,
  note: string | null,
  now = new Date(),
): Reviewed {
  const repo = store.constraints;
  repo.expireDue(now.toISOString());
  return repo.atomically((): Reviewed => {
    const c = repo.get(id);
    if (!c) return { ok: false, status: 404, code: 'not_found', message: `no learned constraint with id "${id}"` };
    const step = REVIEW_STEPS[action];
    if (!step.from.includes(c.status)) {
      return {
        ok: false,
        status: 409,
        code: 'invalid_transition',
        message: `constraint ${id} is ${c.status}; ${action} applies to ${step.from.join(' or ')} constraints`,
      };
    }
    if (action === 'accept' && c.expiresAt !== null && Date.parse(c.expiresAt) <= now.getTime()) {
      return { ok: false, status: 409, code: 'expired', message: `constraint ${id} expired at ${c.expiresAt}` };
    }
    const actor = principalLabel(caller);
    repo.transition(id, step.from, step.to, actor, note);
    const superseded: string[] = [];
    if (step.to === 'active') {
      for (const other of repo.open(scopeKey(c.kind, c.scope))) {
        if (other.id === id || other.status !== 'active') continue;
        repo.transition(other.id, ['active'], 'expired', actor, `superseded by ${id}`);
        superseded.push(other.id);
      }
    }
    return { ok: true, constraint: repo.get(id)!, superseded };
  });
}
