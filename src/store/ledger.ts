/**
 * Ledger summaries of finished plans, read from the saved results (plan_results.result holds the
 * PlanResult JSON, whose `ledger` the solve wrote) with SQLite's JSON functions: the big result
 * documents stay in the database, only the figures of the report come out.
 */
import type { LedgerSummaryRow } from '../ledger/report.ts';
import type { Db } from './db.ts';

export type LedgerRepo = ReturnType<typeof ledgerRepo>;

export function ledgerRepo(db: Db) {
  const between = db.prepare(`
    SELECT p.id AS id, p.name AS name, p.date AS date, p.status AS status, p.created_at AS createdAt,
      json_extract(r.result, '$.solve.objective') AS objective,
      json_extract(r.result, '$.solve.stoppedBy') AS stoppedBy,
      json_extract(r.result, '$.ledger.baseline.kind') AS baselineKind,
      json_extract(r.result, '$.ledger.factorSet.id') AS factorSet,
      json_extract(r.result, '$.totals.ordersServed') AS ordersServed,
      json_extract(r.result, '$.ledger.net.savedKg') AS savedKg,
      json_extract(r.result, '$.ledger.net.computeKg') AS computeKg,
      json_extract(r.result, '$.ledger.compute.cpuSeconds') AS cpuSeconds,
      json_extract(r.result, '$.ledger.compute.energyWh') AS energyWh
    FROM plans p JOIN plan_results r ON r.plan_id = p.id
    WHERE p.date >= ? AND p.date <= ? AND json_type(r.result, '$.ledger.net') = 'object'
    ORDER BY p.date, p.seq
  `);
  return {
    /** Plans whose date lies in [from, to] (YYYY-MM-DD, inclusive) and whose result has a ledger. */
    between(from: string, to: string): LedgerSummaryRow[] {
      return between.all(from, to) as LedgerSummaryRow[];
    },
  };
}
