/** /v1/plans: submit a day, follow it, fetch its plan, cancel it, list plans. */
import { Router } from 'express';
import { submitLearnedPlan } from '../../feedback/submit.ts';
import { issue } from '../../model/issues.ts';
import { parsePlanRequest } from '../../model/validate.ts';
import { cancelPlan, QueueUnavailableError } from '../../queue/dispatch.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';
import { links, planSummary, planView } from '../views.ts';

export const plansRoutes: RouteModule = { mount: '/v1/plans', router: plansRouter };

const PAGE = { default: 20, max: 100 };

function plansRouter(deps: ApiDeps): Router {
  const router = Router();
  const plans = deps.store.plans;

  router.post('/', async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'send the plan request as JSON (Content-Type: application/json)',
      );
    }
    if (req.get('content-length') === '0') {
      throw new HttpError(400, 'invalid_json', 'the body is empty; send the plan request as JSON');
    }
    const parsed = parsePlanRequest(req.body);
    if (!parsed.ok) {
      const n = parsed.error.length;
      throw new HttpError(
        400,
        'invalid_request',
        `the plan request has ${n} invalid field${n > 1 ? 's' : ''}`,
        parsed.error,
      );
    }
    try {
      // Active learned constraints (driver feedback) shape the request and travel with the job.
      const plan = await submitLearnedPlan(deps, parsed.value);
      res
        .status(202)
        .location(`/v1/plans/${plan.id}`)
        .json({ id: plan.id, status: plan.status, links: links(plan.id) });
    } catch (e) {
      if (e instanceof QueueUnavailableError) throw new HttpError(503, 'queue_unavailable', e.message);
      throw e;
    }
  });

  router.get('/', (req, res) => {
    const limit = pageLimit(req.query.limit);
    const before = cursorSeq(req.query.cursor);
    const page = plans.list(limit + 1, before);
    const items = page.slice(0, limit);
    const nextCursor = page.length > limit ? encodeCursor(items[items.length - 1]!.seq) : null;
    res.json({ items: items.map(planSummary), nextCursor });
  });

  router.get('/:id', (req, res) => {
    const plan = plans.get(req.params.id);
    if (!plan) throw unknownPlan(req.params.id);
    res.json(planView(plan, plans.history(plan.id)));
  });

  router.get('/:id/result', (req, res) => {
    const plan = plans.get(req.params.id);
    if (!plan) throw unknownPlan(req.params.id);
    const result = plan.status === 'succeeded' || plan.status === 'cancelled' ? plans.result(plan.id) : undefined;
    if (result !== undefined) {
      res.json(result);
      return;
    }
    switch (plan.status) {
      case 'queued':
      case 'running':
        throw new HttpError(
          409,
          'plan_not_finished',
          `plan ${plan.id} is ${plan.status}; its result is ready when GET /v1/plans/${plan.id} says succeeded`,
        );
      case 'failed':
        throw new HttpError(409, 'plan_failed', `plan ${plan.id} failed: ${plan.error ?? 'no reason recorded'}`);
      default:
        throw new HttpError(409, 'no_result', `plan ${plan.id} was ${plan.status} before any plan was found`);
    }
  });

  router.delete('/:id', async (req, res) => {
    const outcome = await cancelPlan(deps, req.params.id);
    if (outcome.kind === 'unknown') throw unknownPlan(req.params.id);
    if (outcome.kind === 'finished') {
      throw new HttpError(
        409,
        'plan_finished',
        `plan ${outcome.plan.id} already ${outcome.plan.status}; nothing to cancel`,
      );
    }
    const view = planView(outcome.plan, plans.history(outcome.plan.id));
    res.status(outcome.kind === 'cancelled' ? 200 : 202).json(view);
  });

  return router;
}

function unknownPlan(id: string): HttpError {
  return new HttpError(404, 'not_found', `no plan with id "${id}"`);
}

function pageLimit(raw: unknown): number {
  if (raw === undefined) return PAGE.default;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= PAGE.max)) {
    const problem = issue(['limit'], `expected a whole number from 1 to ${PAGE.max}`);
    throw new HttpError(400, 'invalid_query', 'invalid query parameter limit', [problem]);
  }
  return n;
}

function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

function cursorSeq(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? Buffer.from(raw, 'base64url').toString() : '';
  const m = /^s(\d{1,15})$/.exec(text);
  if (!m) {
    const problem = issue(['cursor'], 'not a cursor from a previous page (use nextCursor as given)');
    throw new HttpError(400, 'invalid_query', 'invalid query parameter cursor', [problem]);
  }
  return Number(m[1]);
}
