/**
 * /v1/plans/{id}/request: what learned constraints did to a plan before it was solved — the
 * planner's original request, the request solved, every changed field and the constraints applied.
 */
import { Router } from 'express';
import type { PlanInputs } from '../../store/planInputs.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';

export const planInputsRoutes: RouteModule = { mount: '/v1/plans', router: planInputsRouter };

function planInputsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/request', (req, res) => {
    const { plans, planInputs } = deps.store;
    if (!plans.get(req.params.id)) throw new HttpError(404, 'not_found', `no plan with id "${req.params.id}"`);
    const solved = plans.request(req.params.id);
    const inputs: PlanInputs | undefined = planInputs.get(req.params.id);
    res.json({
      planId: req.params.id,
      original: inputs?.original ?? solved,
      solved,
      changes: inputs?.changes ?? [],
      constraintsApplied: inputs?.rules.applied ?? [],
    });
  });
  return router;
}
