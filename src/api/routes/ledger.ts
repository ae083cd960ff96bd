/**
 * /v1/ledger: the manager's view. GET /v1/ledger?from=YYYY-MM-DD&to=YYYY-MM-DD lists every plan
 * whose (delivery) date is in the range, inclusive, with what it saved on the road, what its
 * solve cost, the net and the payback ratio, and the totals. Both bounds are optional.
 * `Accept: text/csv` gives the same as CSV (one line per plan, then a TOTAL line).
 */
import { Router } from 'express';
import { ledgerCsv, ledgerReport } from '../../ledger/report.ts';
import { issue, type ValidationIssue } from '../../model/issues.ts';
import { isPlanDate } from '../../model/time.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';

export const ledgerRoutes: RouteModule = { mount: '/v1/ledger', router: ledgerRouter };

function ledgerRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { from, to } = dateRange(req.query);
    const type = req.accepts(['application/json', 'text/csv']);
    if (!type) {
      throw new HttpError(406, 'not_acceptable', 'the ledger comes as application/json or text/csv');
    }
    const report = ledgerReport(deps.store.ledger.between(from ?? '0000-01-01', to ?? '9999-12-31'), from, to);
    if (type === 'text/csv') {
      const name = `tournee-ledger${from ? `-${from}` : ''}${to ? `-to-${to}` : ''}.csv`;
      res.type('text/csv; charset=utf-8').attachment(name).send(ledgerCsv(report));
      return;
    }
    res.json(report);
  });
  return router;
}

function dateRange(query: Record<string, unknown>): { from: string | null; to: string | null } {
  const issues: ValidationIssue[] = [];
  const read = (key: 'from' | 'to'): string | null => {
    const value = query[key];
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isPlanDate(value)) {
      issues.push(issue([key], 'expected a date YYYY-MM-DD (the plan date)'));
      return null;
    }
    return value;
  };
  const from = read('from');
  const to = read('to');
  if (from && to && from > to) issues.push(issue(['to'], `the range ends (${to}) before it starts (${from})`));
  if (issues.length > 0) throw new HttpError(400, 'invalid_query', 'the ledger range is not valid', issues);
  return { from, to };
}
