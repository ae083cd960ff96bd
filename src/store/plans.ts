/**
 * Plans: the request as accepted, its status with every transition, the latest progress and
 * the result. Status only moves along ALLOWED (a finished plan never changes again), so events
 * that arrive twice or late (queue events, reconciliation) are harmless.
 */
import type { Db } from './db.ts';

export const PLAN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const FINISHED: ReadonlySet<PlanStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** running → queued happens when a worker died and the plan waits for another one. */
const ALLOWED: Record<PlanStatus, readonly PlanStatus[]> = {
  queued: ['running', 'failed', 'cancelled'],
  running: ['queued', 'succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export interface PlanProgress {
  readonly elapsedMs: number;
  readonly iterations: number;
  readonly bestObjective: number | null;
  /** When the worker reported it (ISO time). */
  readonly at: string;
}

export interface PlanRecord {
  readonly id: string;
  /** Insertion order, used as the paging cursor. */
  readonly seq: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly name: string | null;
  readonly date: string;
  readonly status: PlanStatus;
  /** How many times a worker started the solve (more than 1 after a worker died). */
  readonly attempts: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: PlanProgress | null;
  readonly error: string | null;
  readonly cancelRequestedAt: string | null;
}

export interface PlanEvent {
  readonly at: string;
  readonly status: PlanStatus;
  readonly detail: string | null;
}

export interface NewPlan {
  readonly id: string;
  readonly name?: string | null;
  readonly date: string;
  readonly request: unknown;
}

interface Row {
  id: string;
  seq: number;
  created_at: string;
  updated_at: string;
  name: string | null;
  date: string;
  status: PlanStatus;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  progress: string | null;
  error: string | null;
  cancel_requested_at: string | null;
}

const COLUMNS =
  'id, seq, created_at, updated_at, name, date, status, attempts, started_at, finished_at, progress, error, cancel_requested_at';

export type PlanRepo = ReturnType<typeof planRepo>;

export function planRepo(db: Db, now: () => string = () => new Date().toISOString()) {
  const q = {
    insert: db.prepare(
      `INSERT INTO plans (id, created_at, updated_at, name, date, status, request)
       VALUES (@id, @at, @at, @name, @date, 'queued', @request)`,
    ),
    event: db.prepare('INSERT INTO plan_events (plan_id, at, status, detail) VALUES (?, ?, ?, ?)'),
    get: db.prepare(`SELECT ${COLUMNS} FROM plans WHERE id = ?`),
    request: db.prepare('SELECT request FROM plans WHERE id = ?'),
    page: db.prepare(`SELECT ${COLUMNS} FROM plans WHERE seq < ? ORDER BY seq DESC LIMIT ?`),
    history: db.prepare('SELECT at, status, detail FROM plan_events WHERE plan_id = ? ORDER BY seq'),
    status: db.prepare(
      `UPDATE plans SET status = @to, updated_at = @at,
         attempts = attempts + (CASE WHEN @to = 'running' THEN 1 ELSE 0 END),
         started_at = CASE WHEN @to = 'running' AND started_at IS NULL THEN @at ELSE started_at END,
         finished_at = CASE WHEN @to IN ('succeeded', 'failed', 'cancelled') THEN @at ELSE finished_at END,
         error = COALESCE(@error, error)
       WHERE id = @id AND status = @from`,
    ),
    progress: db.prepare(
      `UPDATE plans SET progress = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
    ),
    result: db.prepare('SELECT result FROM plan_results WHERE plan_id = ?'),
    saveResult: db.prepare(
      'INSERT INTO plan_results (plan_id, created_at, result) VALUES (?, ?, ?) ON CONFLICT (plan_id) DO NOTHING',
    ),
    cancel: db.prepare(
      'UPDATE plans SET cancel_requested_at = COALESCE(cancel_requested_at, ?), updated_at = ? WHERE id = ?',
    ),
    unfinished: db.prepare(`SELECT ${COLUMNS} FROM plans WHERE status IN ('queued', 'running') ORDER BY seq`),
    remove: db.prepare('DELETE FROM plans WHERE id = ?'),
  };

  /** Moves a plan to `to` if that is an allowed step from its current status; false otherwise. */
  function moveTo(id: string, to: PlanStatus, detail: string | null, error: string | null): boolean {
    const row = q.get.get(id) as Row | undefined;
    if (!row || !ALLOWED[row.status].includes(to)) return false;
    const at = now();
    q.status.run({ id, from: row.status, to, at, error });
    q.event.run(id, at, to, detail);
    return true;
  }

  return {
    /** Stores an accepted request as a queued plan. */
    create(plan: NewPlan): PlanRecord {
      const at = now();
      db.transaction(() => {
        q.insert.run({
          id: plan.id,
          at,
          name: plan.name ?? null,
          date: plan.date,
          request: JSON.stringify(plan.request),
        });
        q.event.run(plan.id, at, 'queued', 'accepted');
      })();
      return toRecord(q.get.get(plan.id) as Row);
    },

    get(id: string): PlanRecord | undefined {
      const row = q.get.get(id) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },

    /** The request as it was accepted (validated, defaults filled in). */
    request(id: string): unknown {
      const row = q.request.get(id) as { request: string } | undefined;
      return row ? JSON.parse(row.request) : undefined;
    },

    /** Newest first; `before` is the seq of the last plan of the previous page. */
    list(limit: number, before: number = Number.MAX_SAFE_INTEGER): PlanRecord[] {
      return (q.page.all(before, limit) as Row[]).map(toRecord);
    },

    history(id: string): PlanEvent[] {
      return q.history.all(id) as PlanEvent[];
    },

    /** Applies a status change; false when the plan is unknown or the step is not allowed. */
    transition(id: string, to: PlanStatus, detail: string | null = null, error: string | null = null): boolean {
      return db.transaction(() => moveTo(id, to, detail, error)).immediate();
    },

    /** Finishes a plan and keeps its result (if any) in one step; false if it was already finished. */
    finish(
      id: string,
      to: 'succeeded' | 'failed' | 'cancelled',
      detail: string,
      result?: unknown,
      error?: string,
    ): boolean {
      return db
        .transaction(() => {
          const moved = moveTo(id, to, detail, error ?? null);
          if (moved && result !== undefined) q.saveResult.run(id, now(), JSON.stringify(result));
          return moved;
        })
        .immediate();
    },

    /** Keeps the latest progress of a plan that is not finished. */
    saveProgress(id: string, progress: Omit<PlanProgress, 'at'>): void {
      const at = now();
      q.progress.run(JSON.stringify({ ...progress, at }), at, id);
    },

    result(id: string): unknown {
      const row = q.result.get(id) as { result: string } | undefined;
      return row ? JSON.parse(row.result) : undefined;
    },

    /** Adds a line to the history without changing the status (e.g. "re-queued"). */
    note(id: string, detail: string): void {
      const row = q.get.get(id) as Row | undefined;
      if (row) q.event.run(id, now(), row.status, detail);
    },

    markCancelRequested(id: string): void {
      const at = now();
      q.cancel.run(at, at, id);
    },

    /** Plans still queued or running, oldest first: what the reconciliation looks at. */
    unfinished(): PlanRecord[] {
      return (q.unfinished.all() as Row[]).map(toRecord);
    },

    /** Deletes a plan that never reached the queue (the API could not enqueue it). */
    remove(id: string): void {
      q.remove.run(id);
    },
  };
}

function toRecord(r: Row): PlanRecord {
  return {
    id: r.id,
    seq: r.seq,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    date: r.date,
    status: r.status,
    attempts: r.attempts,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    progress: r.progress ? (JSON.parse(r.progress) as PlanProgress) : null,
    error: r.error,
    cancelRequestedAt: r.cancel_requested_at,
  };
}
