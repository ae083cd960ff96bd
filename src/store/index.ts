/**
 * The store: one SQLite file, migrated on open, and one repository per concern. To add a table,
 * append a migration in migrations.ts and a repository beside plans.ts, then add it here.
 * No SQL lives outside src/store.
 */
import { type ApiKeyRepo, apiKeyRepo } from './apiKeys.ts';
import { type ConstraintRepo, constraintRepo } from './constraints.ts';
import { type Db, openDatabase } from './db.ts';
import { type FeedbackRepo, feedbackRepo } from './feedback.ts';
import { type LedgerRepo, ledgerRepo } from './ledger.ts';
import { migrate } from './migrations.ts';
import { type PlanInputsRepo, planInputsRepo } from './planInputs.ts';
import { type PlanRepo, planRepo } from './plans.ts';
import { type RoutingCacheRepo, routingCacheRepo } from './routingCache.ts';

export interface Store {
  readonly file: string;
  readonly plans: PlanRepo;
  /** Road matrices from OSRM, by server, profile and coordinate set. */
  readonly routingCache: RoutingCacheRepo;
  /** Ledger summaries of finished plans (GET /v1/ledger). */
  readonly ledger: LedgerRepo;
  /** API keys, driver feedback, learned constraints and what they did to each plan (issue 4). */
  readonly apiKeys: ApiKeyRepo;
  readonly feedback: FeedbackRepo;
  readonly constraints: ConstraintRepo;
  readonly planInputs: PlanInputsRepo;
  /** Runs a real query; throws when the database cannot answer. */
  ping(): void;
  close(): void;
  /** For repositories added by later issues; SQL stays inside src/store. */
  readonly db: Db;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  migrate(db);
  return {
    file,
    db,
    plans: planRepo(db),
    routingCache: routingCacheRepo(db),
    ledger: ledgerRepo(db),
    apiKeys: apiKeyRepo(db),
    feedback: feedbackRepo(db),
    constraints: constraintRepo(db),
    planInputs: planInputsRepo(db),
    ping() {
      db.prepare('SELECT COUNT(*) AS n FROM migrations').get();
    },
    close() {
      if (db.open) db.close();
    },
  };
}

export {
  FINISHED,
  PLAN_STATUSES,
  type PlanEvent,
  type PlanProgress,
  type PlanRecord,
  type PlanStatus,
} from './plans.ts';
