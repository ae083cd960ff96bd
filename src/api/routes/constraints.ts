/**
 * /v1/constraints: what drivers' feedback taught, for planners to review. List and read (planners,
 * managers); accept, reject, expire (planners). See src/feedback/README.md for the rules.
 */
import { Router } from 'express';
import { principalOf } from '../../auth/http.ts';
import { REVIEW_ACTIONS, reviewConstraint } from '../../feedback/review.ts';
import { parseReview } from '../../feedback/schema.ts';
import { CONSTRAINT_KINDS, CONSTRAINT_STATUSES, type LearnedConstraint } from '../../feedback/types.ts';
import { constraintView } from '../../feedback/views.ts';
import type { Store } from '../../store/index.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';
import { cursorSeq, encodeCursor, listParam, pageLimit, textParam } from './paging.ts';

export const constraintsRoutes: RouteModule = { mount: '/v1/constraints', router: constraintsRouter };

const SUBJECTS = ['customerId', 'driverId', 'vehicleId', 'depotId'] as const;

function constraintsRouter(deps: ApiDeps): Router {
  const router = Router();
  const { store } = deps;

  router.get('/', (req, res) => {
    const statuses = listParam(req.query.status, 'status', CONSTRAINT_STATUSES);
    const kinds = listParam(req.query.kind, 'kind', CONSTRAINT_KINDS);
    if (kinds && kinds.length > 1) throw new HttpError(400, 'invalid_query', 'give one kind');
    const given = SUBJECTS.flatMap((name) => {
      const v = textParam(req.query[name], name);
      return v === undefined ? [] : [`${name.slice(0, -2)}:${v}`];
    });
    if (given.length > 1) throw new HttpError(400, 'invalid_query', `give at most one of ${SUBJECTS.join(', ')}`);
    const limit = pageLimit(req.query.limit);
    const before = cursorSeq(req.query.cursor);
    store.constraints.expireDue();
    const page = store.constraints.list({ statuses, kind: kinds?.[0], subject: given[0] }, limit + 1, before);
    const items = page.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = page.length > limit && last ? encodeCursor(store.constraints.seq(last.id)!) : null;
    res.json({ items: items.map((c) => constraintJson(store, c)), nextCursor });
  });

  router.get('/:id', (req, res) => {
    store.constraints.expireDue();
    const c = store.constraints.get(req.params.id);
    if (!c) throw new HttpError(404, 'not_found', `no learned constraint with id "${req.params.id}"`);
    res.json(constraintJson(store, c));
  });

  for (const action of REVIEW_ACTIONS) {
    router.post(`/:id/${action}`, (req, res) => {
      const body = parseReview(req.body);
      if (!body.ok) throw new HttpError(400, 'invalid_request', 'invalid review', body.error);
      const done = reviewConstraint(store, req.params.id, action, principalOf(res), body.value.note ?? null);
      if (!done.ok) throw new HttpError(done.status, done.code, done.message);
      res.json(constraintJson(store, done.constraint));
    });
  }

  return router;
}

export function constraintJson(store: Store, c: LearnedConstraint) {
  return constraintView(c, store.constraints.history(c.id));
}
