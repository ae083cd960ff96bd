/**
 * Driver feedback (issue 4): each report as it was accepted, on which route, by which key, and
 * the learned constraint it created or reinforced ("what became of it").
 */
import type { FeedbackRequest } from '../feedback/schema.ts';
import type { FeedbackKind } from '../feedback/types.ts';
import type { Db } from './db.ts';

/** What the report pointed at, resolved on its route (for people and for the provenance). */
export interface FeedbackTarget {
  readonly orderId?: string;
  readonly customerId?: string;
  /** Legs: "customer C-1" / "depot D" ends and their positions (0 = start depot). */
  readonly from?: string;
  readonly to?: string;
  readonly fromPosition?: number;
  readonly toPosition?: number;
  readonly vehicleClass?: string;
  readonly stops?: number;
  readonly metresFromRoute?: number;
}

export interface FeedbackRecord {
  readonly id: string;
  readonly seq: number;
  readonly createdAt: string;
  /** When it happened (the report's `at`, or when it was received). */
  readonly observedAt: string;
  readonly keyId: string;
  readonly driverId: string | null;
  readonly planId: string;
  readonly vehicleId: string;
  readonly planDate: string;
  readonly kind: FeedbackKind;
  readonly report: FeedbackRequest;
  readonly target: FeedbackTarget;
  readonly constraintId: string | null;
  /** created: it started a constraint; reinforced: it added to one. */
  readonly outcome: 'created' | 'reinforced' | null;
}

export type NewFeedback = Omit<FeedbackRecord, 'seq' | 'createdAt' | 'constraintId' | 'outcome'>;

export interface FeedbackFilter {
  readonly driverId?: string;
  readonly planId?: string;
  readonly kind?: FeedbackKind;
}

interface Row {
  id: string;
  seq: number;
  created_at: string;
  observed_at: string;
  key_id: string;
  driver_id: string | null;
  plan_id: string;
  vehicle_id: string;
  plan_date: string;
  kind: FeedbackKind;
  report: string;
  target: string;
  constraint_id: string | null;
  outcome: 'created' | 'reinforced' | null;
}

const COLUMNS =
  'id, seq, created_at, observed_at, key_id, driver_id, plan_id, vehicle_id, plan_date, kind, report, target, constraint_id, outcome';

export type FeedbackRepo = ReturnType<typeof feedbackRepo>;

export function feedbackRepo(db: Db, now: () => string = () => new Date().toISOString()) {
  const q = {
    insert: db.prepare(
      `INSERT INTO feedback (id, created_at, observed_at, key_id, driver_id, plan_id, vehicle_id, plan_date, kind, report, target)
       VALUES (@id, @at, @observedAt, @keyId, @driverId, @planId, @vehicleId, @planDate, @kind, @report, @target)`,
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM feedback WHERE id = ?`),
    outcome: db.prepare('UPDATE feedback SET constraint_id = ?, outcome = ? WHERE id = ?'),
    page: db.prepare(
      `SELECT ${COLUMNS} FROM feedback
       WHERE seq < @before AND (@driverId IS NULL OR driver_id = @driverId)
         AND (@planId IS NULL OR plan_id = @planId) AND (@kind IS NULL OR kind = @kind)
       ORDER BY seq DESC LIMIT @limit`,
    ),
  };
  return {
    insert(f: NewFeedback): FeedbackRecord {
      q.insert.run({ ...f, at: now(), report: JSON.stringify(f.report), target: JSON.stringify(f.target) });
      return toRecord(q.get.get(f.id) as Row);
    },
    get(id: string): FeedbackRecord | undefined {
      const row = q.get.get(id) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    setOutcome(id: string, constraintId: string, outcome: 'created' | 'reinforced'): void {
      q.outcome.run(constraintId, outcome, id);
    },
    /** Newest first; `before` is the seq of the last item of the previous page. */
    list(filter: FeedbackFilter, limit: number, before: number = Number.MAX_SAFE_INTEGER): FeedbackRecord[] {
      const params = {
        before,
        limit,
        driverId: filter.driverId ?? null,
        planId: filter.planId ?? null,
        kind: filter.kind ?? null,
      };
      return (q.page.all(params) as Row[]).map(toRecord);
    },
  };
}

function toRecord(r: Row): FeedbackRecord {
  return {
    id: r.id,
    seq: r.seq,
    createdAt: r.created_at,
    observedAt: r.observed_at,
    keyId: r.key_id,
    driverId: r.driver_id,
    planId: r.plan_id,
    vehicleId: r.vehicle_id,
    planDate: r.plan_date,
    kind: r.kind,
    report: JSON.parse(r.report) as FeedbackRequest,
    target: JSON.parse(r.target) as FeedbackTarget,
    constraintId: r.constraint_id,
    outcome: r.outcome,
  };
}
