/**
 * What learned constraints did to a plan before it was queued (issue 4): the planner's original
 * request (when constraints changed it; the plans table keeps the request that was solved), the
 * list of changes, and the rules the job carried, so a plan the queue lost is queued again with
 * the same rules. Also the plans of a date, which is how a driver finds their route.
 */
import type { RequestChange } from '../feedback/types.ts';
import type { JobRules } from '../queue/jobs.ts';
import type { Db } from './db.ts';

export interface PlanInputs {
  /** The request as the planner sent it; null when no constraint changed it. */
  readonly original: unknown | null;
  readonly changes: readonly RequestChange[];
  readonly rules: JobRules;
}

export interface DatedPlan {
  readonly id: string;
  readonly seq: number;
  readonly name: string | null;
  readonly createdAt: string;
}

export type PlanInputsRepo = ReturnType<typeof planInputsRepo>;

export function planInputsRepo(db: Db, now: () => string = () => new Date().toISOString()) {
  const q = {
    save: db.prepare(
      `INSERT INTO plan_inputs (plan_id, created_at, original, changes, rules) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (plan_id) DO NOTHING`,
    ),
    get: db.prepare('SELECT original, changes, rules FROM plan_inputs WHERE plan_id = ?'),
    rules: db.prepare('SELECT rules FROM plan_inputs WHERE plan_id = ?'),
    succeededOn: db.prepare(
      `SELECT id, seq, name, created_at AS createdAt FROM plans
       WHERE date = ? AND status = 'succeeded' ORDER BY seq DESC LIMIT ?`,
    ),
  };
  return {
    save(planId: string, inputs: PlanInputs): void {
      const original = inputs.original === null ? null : JSON.stringify(inputs.original);
      q.save.run(planId, now(), original, JSON.stringify(inputs.changes), JSON.stringify(inputs.rules));
    },
    get(planId: string): PlanInputs | undefined {
      const row = q.get.get(planId) as { original: string | null; changes: string; rules: string } | undefined;
      if (!row) return undefined;
      return {
        original: row.original === null ? null : JSON.parse(row.original),
        changes: JSON.parse(row.changes) as RequestChange[],
        rules: JSON.parse(row.rules) as JobRules,
      };
    },
    /** The rules a plan's job carried; undefined for plans submitted without learning. */
    rules(planId: string): JobRules | undefined {
      const row = q.rules.get(planId) as { rules: string } | undefined;
      return row ? (JSON.parse(row.rules) as JobRules) : undefined;
    },
    /** Succeeded plans of a plan date, newest first. */
    succeededOn(date: string, limit = 50): DatedPlan[] {
      return q.succeededOn.all(date, limit) as DatedPlan[];
    },
  };
}
