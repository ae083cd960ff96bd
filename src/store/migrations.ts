/**
 * Schema migrations, versioned in code. Each migration is a numbered function that runs once,
 * inside a transaction, and is recorded in the `migrations` table. To change the schema, append
 * a migration with the next number: never edit one that has shipped.
 */
import type { Db } from './db.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'plans, status history, results',
    up(db) {
      db.exec(`
        CREATE TABLE plans (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          name TEXT,
          date TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
          request TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          started_at TEXT,
          finished_at TEXT,
          progress TEXT,
          error TEXT,
          cancel_requested_at TEXT
        );
        CREATE INDEX plans_status ON plans (status);
        CREATE TABLE plan_events (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          status TEXT NOT NULL,
          detail TEXT
        );
        CREATE INDEX plan_events_plan ON plan_events (plan_id, seq);
        CREATE TABLE plan_results (
          plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          result TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'routing matrix cache (OSRM)',
    up(db) {
      db.exec(`
        CREATE TABLE routing_matrices (
          key TEXT PRIMARY KEY,
          profile TEXT NOT NULL,
          points INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          unroutable INTEGER NOT NULL,
          distance BLOB NOT NULL,
          duration BLOB NOT NULL,
          snap BLOB NOT NULL
        );
        CREATE INDEX routing_matrices_created ON routing_matrices (created_at);
      `);
    },
  },
  {
    version: 3,
    name: 'plans by date (ledger report)',
    up(db) {
      db.exec('CREATE INDEX plans_date ON plans (date)');
    },
  },
  {
    version: 4,
    name: 'API keys, driver feedback, learned constraints (issue 4)',
    up(db) {
      db.exec(`
        CREATE TABLE api_keys (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('planner', 'driver', 'manager', 'admin')),
          driver_id TEXT,
          hash TEXT NOT NULL UNIQUE,
          prefix TEXT NOT NULL,
          created_at TEXT NOT NULL,
          revoked_at TEXT,
          last_used_at TEXT,
          CHECK ((role = 'driver') = (driver_id IS NOT NULL))
        );
        CREATE TABLE feedback (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          observed_at TEXT NOT NULL,
          key_id TEXT NOT NULL REFERENCES api_keys (id),
          driver_id TEXT,
          plan_id TEXT NOT NULL REFERENCES plans (id),
          vehicle_id TEXT NOT NULL,
          plan_date TEXT NOT NULL,
          kind TEXT NOT NULL,
          report TEXT NOT NULL,
          target TEXT NOT NULL,
          constraint_id TEXT,
          outcome TEXT
        );
        CREATE INDEX feedback_driver ON feedback (driver_id, seq);
        CREATE INDEX feedback_plan ON feedback (plan_id, seq);
        CREATE TABLE learned_constraints (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          kind TEXT NOT NULL,
          scope TEXT NOT NULL,
          scope_key TEXT NOT NULL,
          strength TEXT NOT NULL CHECK (strength IN ('hard', 'penalty')),
          status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'expired', 'rejected')),
          value TEXT NOT NULL,
          summary TEXT NOT NULL,
          expires_at TEXT
        );
        CREATE INDEX learned_constraints_key ON learned_constraints (scope_key, status);
        CREATE INDEX learned_constraints_status ON learned_constraints (status, seq);
        CREATE TABLE constraint_feedback (
          constraint_id TEXT NOT NULL REFERENCES learned_constraints (id),
          feedback_id TEXT NOT NULL REFERENCES feedback (id),
          at TEXT NOT NULL,
          PRIMARY KEY (constraint_id, feedback_id)
        );
        CREATE TABLE constraint_subjects (
          constraint_id TEXT NOT NULL REFERENCES learned_constraints (id),
          subject TEXT NOT NULL,
          PRIMARY KEY (constraint_id, subject)
        );
        CREATE INDEX constraint_subjects_subject ON constraint_subjects (subject);
        CREATE TABLE constraint_events (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          constraint_id TEXT NOT NULL REFERENCES learned_constraints (id),
          at TEXT NOT NULL,
          status TEXT NOT NULL,
          actor TEXT NOT NULL,
          detail TEXT
        );
        CREATE INDEX constraint_events_constraint ON constraint_events (constraint_id, seq);
        CREATE TABLE plan_inputs (
          plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          original TEXT,
          changes TEXT NOT NULL,
          rules TEXT NOT NULL
        );
      `);
    },
  },
];

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly appliedAt: string;
}

/** Brings the database up to the last migration; returns the versions it applied now. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `the database is at schema version ${current} but this tournee only knows up to ${latest}: ` +
        'run a newer tournee or point TOURNEE_DATA_DIR at another directory',
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    // Re-read the version under the write lock: another process may have migrated meanwhile.
    const ran = db
      .transaction(() => {
        if (schemaVersion(db) >= m.version) return false;
        m.up(db);
        db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date().toISOString(),
        );
        return true;
      })
      .immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function appliedMigrations(db: Db): AppliedMigration[] {
  return db
    .prepare('SELECT version, name, applied_at AS appliedAt FROM migrations ORDER BY version')
    .all() as AppliedMigration[];
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}
