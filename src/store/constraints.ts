/**
 * Learned constraints (issue 4): kind, scope, strength, status and value, the feedback each one
 * comes from, and the history of every status change (who, when, why). Status only moves along
 * the steps the caller allows, checked under the write lock.
 */
import type {
  ConstraintDraft,
  ConstraintEvent,
  ConstraintKind,
  ConstraintStatus,
  LearnedConstraint,
  Scope,
} from '../feedback/types.ts';
import type { Db } from './db.ts';

export interface ConstraintFilter {
  readonly statuses?: readonly ConstraintStatus[];
  readonly kind?: ConstraintKind;
  /** e.g. "customer:C-0001", "driver:driver-ev1", "vehicle:EV-1", "depot:D1". */
  readonly subject?: string;
}

interface Row {
  id: string;
  seq: number;
  created_at: string;
  updated_at: string;
  kind: ConstraintKind;
  scope: string;
  strength: 'hard' | 'penalty';
  status: ConstraintStatus;
  value: string;
  summary: string;
  expires_at: string | null;
}

const COLUMNS = 'id, seq, created_at, updated_at, kind, scope, strength, status, value, summary, expires_at';

export type ConstraintRepo = ReturnType<typeof constraintRepo>;

export function constraintRepo(db: Db, now: () => string = () => new Date().toISOString()) {
  const q = {
    insert: db.prepare(
      `INSERT INTO learned_constraints (id, created_at, updated_at, kind, scope, scope_key, strength, status, value, summary, expires_at)
       VALUES (@id, @at, @at, @kind, @scope, @key, @strength, @status, @value, @summary, @expiresAt)`,
    ),
    update: db.prepare(
      `UPDATE learned_constraints SET value = @value, summary = @summary, expires_at = @expiresAt, updated_at = @at
       WHERE id = @id`,
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM learned_constraints WHERE id = ?`),
    seq: db.prepare('SELECT seq FROM learned_constraints WHERE id = ?'),
    byKey: db.prepare(
      `SELECT ${COLUMNS} FROM learned_constraints WHERE scope_key = ? AND status IN ('active', 'proposed') ORDER BY seq DESC`,
    ),
    link: db.prepare('INSERT OR IGNORE INTO constraint_feedback (constraint_id, feedback_id, at) VALUES (?, ?, ?)'),
    feedbackIds: db.prepare('SELECT feedback_id FROM constraint_feedback WHERE constraint_id = ? ORDER BY rowid'),
    subject: db.prepare('INSERT OR IGNORE INTO constraint_subjects (constraint_id, subject) VALUES (?, ?)'),
    event: db.prepare(
      'INSERT INTO constraint_events (constraint_id, at, status, actor, detail) VALUES (?, ?, ?, ?, ?)',
    ),
    history: db.prepare('SELECT at, status, actor, detail FROM constraint_events WHERE constraint_id = ? ORDER BY seq'),
    status: db.prepare('UPDATE learned_constraints SET status = ?, updated_at = ? WHERE id = ? AND status = ?'),
    due: db.prepare(
      `SELECT id, status FROM learned_constraints
       WHERE status IN ('active', 'proposed') AND expires_at IS NOT NULL AND expires_at <= ?`,
    ),
  };

  const load = (row: Row): LearnedConstraint => {
    const feedbackIds = (q.feedbackIds.all(row.id) as { feedback_id: string }[]).map((r) => r.feedback_id);
    return {
      id: row.id,
      kind: row.kind,
      scope: JSON.parse(row.scope) as Scope,
      strength: row.strength,
      status: row.status,
      value: JSON.parse(row.value),
      summary: row.summary,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      feedbackIds,
    } as LearnedConstraint;
  };

  function setStatus(
    id: string,
    from: readonly ConstraintStatus[],
    to: ConstraintStatus,
    actor: string,
    detail: string | null,
  ): boolean {
    const row = q.get.get(id) as Row | undefined;
    if (!row || !from.includes(row.status)) return false;
    const at = now();
    q.status.run(to, at, id, row.status);
    q.event.run(id, at, to, actor, detail);
    return true;
  }

  return {
    /** Stores a new constraint with its first feedback, its subjects and its first history line. */
    create(
      c: { id: string; draft: ConstraintDraft; key: string; summary: string; subjects: readonly string[] },
      feedbackId: string,
      actor: string,
    ): LearnedConstraint {
      const at = now();
      const { draft } = c;
      q.insert.run({
        id: c.id,
        at,
        kind: draft.kind,
        scope: JSON.stringify(draft.scope),
        key: c.key,
        strength: draft.strength,
        status: draft.status,
        value: JSON.stringify(draft.value),
        summary: c.summary,
        expiresAt: draft.expiresAt,
      });
      q.link.run(c.id, feedbackId, at);
      for (const s of c.subjects) q.subject.run(c.id, s);
      q.event.run(c.id, at, draft.status, actor, `learned from feedback ${feedbackId}`);
      return load(q.get.get(c.id) as Row);
    },

    /** A report reinforced the constraint: new value, one more feedback in its provenance. */
    reinforce(
      id: string,
      next: ConstraintDraft,
      summary: string,
      feedbackId: string,
      actor: string,
    ): LearnedConstraint {
      const at = now();
      q.update.run({ id, value: JSON.stringify(next.value), summary, expiresAt: next.expiresAt, at });
      q.link.run(id, feedbackId, at);
      const row = q.get.get(id) as Row;
      q.event.run(id, at, row.status, actor, `reinforced by feedback ${feedbackId}: ${summary}`);
      return load(row);
    },

    get(id: string): LearnedConstraint | undefined {
      const row = q.get.get(id) as Row | undefined;
      return row ? load(row) : undefined;
    },

    seq(id: string): number | undefined {
      return (q.seq.get(id) as { seq: number } | undefined)?.seq;
    },

    history(id: string): ConstraintEvent[] {
      return q.history.all(id) as ConstraintEvent[];
    },

    /** Active and proposed constraints with this scope key, newest first. */
    open(key: string): LearnedConstraint[] {
      return (q.byKey.all(key) as Row[]).map(load);
    },

    /** Newest first; `before` is the seq of the last item of the previous page. */
    list(filter: ConstraintFilter = {}, limit = 10_000, before: number = Number.MAX_SAFE_INTEGER): LearnedConstraint[] {
      const where = ['seq < ?'];
      const params: unknown[] = [before];
      if (filter.statuses?.length) {
        where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
        params.push(...filter.statuses);
      }
      if (filter.kind) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      if (filter.subject) {
        where.push('id IN (SELECT constraint_id FROM constraint_subjects WHERE subject = ?)');
        params.push(filter.subject);
      }
      const sql = `SELECT ${COLUMNS} FROM learned_constraints WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, limit) as Row[]).map(load);
    },

    /** Moves a constraint from one of `from` to `to` and records who did it; false if it was not in `from`. */
    transition(
      id: string,
      from: readonly ConstraintStatus[],
      to: ConstraintStatus,
      actor: string,
      detail: string | null = null,
    ): boolean {
      return db.transaction(() => setStatus(id, from, to, actor, detail)).immediate();
    },

    /** Runs `fn` in one write transaction (a review that supersedes others, a report and its constraint). */
    atomically<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },

    /** Marks every constraint whose expiry has passed as expired; returns their ids. */
    expireDue(at: string = now()): string[] {
      // Most calls find nothing: look first, and take the write lock only when something is due.
      if ((q.due.all(at) as unknown[]).length === 0) return [];
      return db
        .transaction(() => {
          const due = q.due.all(at) as { id: string; status: ConstraintStatus }[];
          for (const d of due) setStatus(d.id, [d.status], 'expired', 'clock', 'its expiry passed');
          return due.map((d) => d.id);
        })
        .immediate();
    },
  };
}
