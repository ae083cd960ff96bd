/**
 * A driver's report, from the HTTP body to a stored constraint: validate (400, nothing stored),
 * find the route (404), check it is the caller's (403), find the stop or leg on it (404 / 400),
 * derive the constraint, then store the report and create or reinforce the constraint in one
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/roles.ts';
import type { PlanRequest } from '../model/schema.ts';
import type { PlannedRoute, PlanResult } from '../plan/types.ts';
import type { FeedbackRecord, FeedbackTarget } from '../store/feedback.ts';
import type { Store } from '../store/index.ts';
import { deriveConstraint } from './derive.ts';
import { scopeKey, summarize } from './describe.ts';
import { mergeDraft } from './merge.ts';
import { parseFeedback } from './schema.ts';
import { type Refusal, resolveTarget, type Target } from './target.ts';
import type { LearnedConstraint, Scope } from './types.ts';

export interface Problem {
  readonly status: 400 | 403 | 404;
  readonly code: string;
  readonly message: string;
  readonly issues?: Refusal['issues'];
}

export type Intake =
  | {
      readonly ok: true;
      readonly feedback: FeedbackRecord;
      readonly constraint: LearnedConstraint;
      readonly outcome: 'created' | 'reinforced';
    }
  | { readonly ok: false; readonly problem: Problem };

export function recordFeedback(store: Store, caller: Principal, body: unknown, now = new Date()): Intake {
  const fail = (problem: Problem): Intake => ({ ok: false, problem });
  const parsed = parseFeedback(body, now);
  if (!parsed.ok) {
    const n = parsed.error.length;
    const message = `the report has ${n} invalid field${n > 1 ? 's' : ''}`;
    return fail({ status: 400, code: 'invalid_feedback', message, issues: parsed.error });
  }
  const report = parsed.value;
  const found = findRoute(store, report.planId, report.vehicleId);
  if (!found.ok) return fail(found.problem);
  const { route, request, date } = found;
  if (caller.role === 'driver' && route.driverId !== caller.driverId) {
    return fail({
      status: 403,
      code: 'forbidden',
      message: `vehicle ${route.vehicleId}'s route in plan ${report.planId} is not yours (driver ${caller.driverId}); you can only flag your own routes`,
    });
  }
  const resolved = resolveTarget(report, { planId: report.planId, date, route, request });
  if (!resolved.ok) return fail(resolved.refusal);
  const derived = deriveConstraint(report, resolved.target, route.driverId);
  if (!derived.ok) return fail(derived.refusal);
  const { draft } = derived;

  return store.constraints.atomically(() => {
    const feedback = store.feedback.insert({
      id: `fb-${randomUUID().replaceAll('-', '').slice(0, 10)}`,
      observedAt: report.at ? new Date(report.at).toISOString() : now.toISOString(),
      keyId: caller.keyId,
      driverId: route.driverId,
      planId: report.planId,
      vehicleId: report.vehicleId,
      planDate: date,
      kind: report.kind,
      report,
      target: describeTarget(resolved.target),
    });
    const key = scopeKey(draft.kind, draft.scope);
    const decision = mergeDraft(draft, store.constraints.open(key));
    const actor = `feedback ${feedback.id}`;
    const constraint =
      decision.action === 'create'
        ? store.constraints.create(
            {
              id: `lc-${randomUUID().replaceAll('-', '').slice(0, 10)}`,
              draft,
              key,
              summary: summarize(draft),
              subjects: subjectsOf(draft.scope),
            },
            feedback.id,
            actor,
          )
        : store.constraints.reinforce(decision.id, decision.next, summarize(decision.next), feedback.id, actor);
    const outcome = decision.action === 'create' ? 'created' : 'reinforced';
    store.feedback.setOutcome(feedback.id, constraint.id, outcome);
    return { ok: true, feedback: store.feedback.get(feedback.id)!, constraint, outcome } as const;
  });
}

export type FoundRoute =
  | { readonly ok: true; readonly route: PlannedRoute; readonly request: PlanRequest; readonly date: string }
  | { readonly ok: false; readonly problem: Problem };

/** A vehicle's route in a succeeded plan, with the request the plan solved. */
export function findRoute(store: Store, planId: string, vehicleId: string): FoundRoute {
  const notFound = (message: string): FoundRoute => ({
    ok: false,
    problem: { status: 404, code: 'not_found', message },
  });
  const plan = store.plans.get(planId);
  if (!plan) return notFound(`no plan with id "${planId}"`);
  const result = plan.status === 'succeeded' ? (store.plans.result(planId) as PlanResult | undefined) : undefined;
  if (!result) return notFound(`plan ${planId} has no routes (it is ${plan.status})`);
  const route = result.routes.find((r) => r.vehicleId === vehicleId);
  if (!route) return notFound(`plan ${planId} has no route for vehicle "${vehicleId}"`);
  return { ok: true, route, request: store.plans.request(planId) as PlanRequest, date: plan.date };
}

function describeTarget(t: Target): FeedbackTarget {
  const label = (ref: { customerId: string } | { depotId: string }) =>
    'customerId' in ref ? `customer ${ref.customerId}` : `depot ${ref.depotId}`;
  switch (t.type) {
    case 'leg':
      return {
        from: label(t.from.ref),
        to: label(t.to.ref),
        fromPosition: t.from.position,
        toPosition: t.to.position,
      };
    case 'near':
      return { metresFromRoute: t.metresFromRoute };
    case 'route':
      return { stops: t.stops, vehicleClass: t.vehicle.energy.vehicleClass };
    case 'stop':
      return { orderId: t.orderId, customerId: t.customerId, vehicleClass: t.vehicle.energy.vehicleClass };
  }
}

/** What a constraint is about, for filtering (GET /v1/constraints?customerId=…). */
export function subjectsOf(scope: Scope): string[] {
  const ref = (r: { customerId: string } | { depotId: string }) =>
    'customerId' in r ? `customer:${r.customerId}` : `depot:${r.depotId}`;
  switch (scope.type) {
    case 'customer':
      return [`customer:${scope.customerId}`];
    case 'customer_pair':
      return [ref(scope.from), ref(scope.to)];
    case 'driver':
      return [`driver:${scope.driverId}`];
    case 'vehicle':
      return [`vehicle:${scope.vehicleId}`];
    case 'zone':
      return [];
  }
}
