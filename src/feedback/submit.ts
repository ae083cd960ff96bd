/**
 * A new plan with what drivers taught us: the active learned constraints shape the request
 * (apply.ts), the job carries the rules, and the store keeps the planner's original request,
 * the list of changes and the rules (GET /v1/plans/{id}/request).
 */
import type { PlanRequest } from '../model/schema.ts';
import { type DispatchDeps, submitPlan } from '../queue/dispatch.ts';
import type { PlanRecord } from '../store/index.ts';
import { shapeRequest } from './apply.ts';

export async function submitLearnedPlan(deps: DispatchDeps, request: PlanRequest): Promise<PlanRecord> {
  const constraints = deps.store.constraints;
  constraints.expireDue();
  const shaped = shapeRequest(request, constraints.list({ statuses: ['active'] }));
  return submitPlan(deps, shaped.request, {
    rules: shaped.rules,
    onStored: (planId) =>
      deps.store.planInputs.save(planId, {
        original: shaped.changes.length > 0 ? request : null,
        changes: shaped.changes,
        rules: shaped.rules,
      }),
  });
}
