/**
 * /v1/feedback: a driver flags one of their routes (POST), and reads their reports and what
 * became of them (GET). Planners and managers read every report. See src/feedback/README.md.
 */
import { Router } from 'express';
import { principalOf } from '../../auth/http.ts';
import { recordFeedback } from '../../feedback/intake.ts';
import { FEEDBACK_KINDS } from '../../feedback/types.ts';
import { feedbackView } from '../../feedback/views.ts';
import type { FeedbackRecord } from '../../store/feedback.ts';
import type { Store } from '../../store/index.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';
import { constraintJson } from './constraints.ts';
import { cursorSeq, encodeCursor, listParam, pageLimit, textParam } from './paging.ts';

export const feedbackRoutes: RouteModule = { mount: '/v1/feedback', router: feedbackRouter };

function feedbackRouter(deps: ApiDeps): Router {
  const router = Router();
  const { store } = deps;

  router.post('/', (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'send the report as JSON (Content-Type: application/json)');
    }
    const outcome = recordFeedback(store, principalOf(res), req.body);
    if (!outcome.ok) {
      const p = outcome.problem;
      throw new HttpError(p.status, p.code, p.message, p.issues);
    }
    res
      .status(201)
      .location(`/v1/feedback/${outcome.feedback.id}`)
      .json({
        feedback: feedbackView(outcome.feedback, outcome.constraint),
        constraint: constraintJson(store, outcome.constraint),
        outcome: outcome.outcome,
      });
  });

  router.get('/', (req, res) => {
    const caller = principalOf(res);
    const asked = textParam(req.query.driverId, 'driverId');
    if (caller.role === 'driver' && asked !== undefined && asked !== caller.driverId) {
      throw new HttpError(403, 'forbidden', `a driver key reads only its own reports (driver ${caller.driverId})`);
    }
    const driverId = caller.role === 'driver' ? caller.driverId! : asked;
    const kinds = listParam(req.query.kind, 'kind', FEEDBACK_KINDS);
    if (kinds && kinds.length > 1) throw new HttpError(400, 'invalid_query', 'give one kind');
    const filter = { driverId, planId: textParam(req.query.planId, 'planId'), kind: kinds?.[0] };
    const limit = pageLimit(req.query.limit);
    const page = store.feedback.list(filter, limit + 1, cursorSeq(req.query.cursor));
    const items = page.slice(0, limit);
    const nextCursor = page.length > limit ? encodeCursor(items[items.length - 1]!.seq) : null;
    res.json({ items: items.map((f) => withConstraint(store, f)), nextCursor });
  });

  router.get('/:id', (req, res) => {
    const caller = principalOf(res);
    const f = store.feedback.get(req.params.id);
    if (!f) throw new HttpError(404, 'not_found', `no feedback with id "${req.params.id}"`);
    if (caller.role === 'driver' && f.driverId !== caller.driverId) {
      throw new HttpError(403, 'forbidden', `feedback ${f.id} is about another driver's route`);
    }
    res.json(withConstraint(store, f));
  });

  return router;
}

function withConstraint(store: Store, f: FeedbackRecord) {
  return feedbackView(f, f.constraintId ? store.constraints.get(f.constraintId) : undefined);
}
