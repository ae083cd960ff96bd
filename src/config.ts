/**
 * Run-time configuration, read once from environment variables. Every setting has a documented
 * default that works on a developer machine (Redis on localhost, data under ./var).
 *
 * | variable                        | default                    | meaning                                        |
 * |---------------------------------|----------------------------|------------------------------------------------|
 * | REDIS_URL                       | redis://127.0.0.1:6379     | Redis for the queue (BullMQ)                   |
 * | TOURNEE_DATA_DIR                | ./var                      | where the SQLite file lives                    |
 * | TOURNEE_DB_FILE                 | $TOURNEE_DATA_DIR/tournee.db | the SQLite file itself                       |
 * | TOURNEE_HOST / PORT             | 127.0.0.1 / 3000           | where `tournee serve` listens                  |
 * | TOURNEE_BODY_LIMIT              | 8mb                        | largest request body (413 above)               |
 * | TOURNEE_QUEUE_PREFIX            | tournee                    | Redis key prefix of the queue                  |
 * | TOURNEE_CAP_SECONDS             | 600                        | hard compute cap of one solve (never above 600)|
 * | TOURNEE_CAP_GRACE_SECONDS       | 15                         | after cap (or cancel) + grace, the solve thread is terminated |
 * | TOURNEE_SOLVE_HEAP_MB           | 2048                       | V8 heap of a solve thread; also the memory the ledger charges |
 * | TOURNEE_COMPUTE_REGION          | WORLD-IEA-2019             | grid region where workers compute (ledger); a request may override |
 * | TOURNEE_WORKER_CONCURRENCY      | 1                          | solves at once per worker process              |
 * | TOURNEE_LOCK_DURATION_MS        | 30000                      | BullMQ job lock; a dead worker's job is retaken after about this |
 * | TOURNEE_STALLED_INTERVAL_MS     | 15000                      | how often workers look for stalled jobs        |
 * | TOURNEE_MAX_STALLED_COUNT       | 2                          | stalls (dead workers) before a plan fails      |
 * | TOURNEE_JOB_ATTEMPTS            | 1                          | attempts for a solve that throws               |
 * | TOURNEE_PROGRESS_MS             | 1000                       | progress report period (at most 1 s)           |
 * | TOURNEE_CANCEL_POLL_MS          | 200                        | how often a running solve checks for a cancel  |
 * | TOURNEE_RECONCILE_MS            | 30000                      | period of the store ↔ queue reconciliation     |
 * | TOURNEE_JOB_RETENTION_SECONDS   | 86400                      | finished jobs kept in Redis (the store keeps results for good) |
 * | TOURNEE_RATE_*                  | see src/auth/limits.ts     | API rate limits per key (read, write, feedback) and per IP for bad keys |
 */
import path from 'node:path';
import { loadRateLimits, type RateLimits } from './auth/limits.ts';
import { LIMITS } from './model/schema.ts';

export interface Config {
  readonly redisUrl: string;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly host: string;
  readonly port: number;
  readonly bodyLimit: string;
  readonly queuePrefix: string;
  readonly capSeconds: number;
  readonly capGraceSeconds: number;
  /** V8 heap of one solve thread, MB (typed arrays of the matrices live outside it). */
  readonly solveHeapMb: number;
  readonly workerConcurrency: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
  readonly jobAttempts: number;
  readonly progressMs: number;
  readonly cancelPollMs: number;
  readonly reconcileMs: number;
  readonly jobRetentionSeconds: number;
  /** API rate limits (src/auth/limits.ts). */
  readonly rateLimits: RateLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, text(env, 'TOURNEE_DATA_DIR', 'var'));
  return {
    redisUrl: text(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
    dataDir,
    dbFile: path.resolve(dataDir, text(env, 'TOURNEE_DB_FILE', 'tournee.db')),
    host: text(env, 'TOURNEE_HOST', '127.0.0.1'),
    port: int(env, env.TOURNEE_PORT !== undefined ? 'TOURNEE_PORT' : 'PORT', 3000, 0, 65535),
    bodyLimit: text(env, 'TOURNEE_BODY_LIMIT', '8mb'),
    queuePrefix: text(env, 'TOURNEE_QUEUE_PREFIX', 'tournee'),
    capSeconds: num(env, 'TOURNEE_CAP_SECONDS', LIMITS.capSeconds, 0.1, LIMITS.capSeconds),
    capGraceSeconds: num(env, 'TOURNEE_CAP_GRACE_SECONDS', 15, 0.5, 600),
    solveHeapMb: num(env, 'TOURNEE_SOLVE_HEAP_MB', 2048, 256, 65536),
    workerConcurrency: int(env, 'TOURNEE_WORKER_CONCURRENCY', 1, 1, 64),
    lockDurationMs: int(env, 'TOURNEE_LOCK_DURATION_MS', 30_000, 500, 3_600_000),
    stalledIntervalMs: int(env, 'TOURNEE_STALLED_INTERVAL_MS', 15_000, 200, 3_600_000),
    maxStalledCount: int(env, 'TOURNEE_MAX_STALLED_COUNT', 2, 0, 100),
    jobAttempts: int(env, 'TOURNEE_JOB_ATTEMPTS', 1, 1, 100),
    progressMs: int(env, 'TOURNEE_PROGRESS_MS', 1000, 50, 1000),
    cancelPollMs: int(env, 'TOURNEE_CANCEL_POLL_MS', 200, 20, 1000),
    reconcileMs: int(env, 'TOURNEE_RECONCILE_MS', 30_000, 100, 86_400_000),
    jobRetentionSeconds: int(env, 'TOURNEE_JOB_RETENTION_SECONDS', 86_400, 60, 365 * 86_400),
    rateLimits: rateLimits(env),
  };
}

function rateLimits(env: Env): RateLimits {
  try {
    return loadRateLimits(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function text(env: Env, name: string, fallback: string): string {
  const v = env[name]?.trim();
  return v ? v : fallback;
}

function num(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new ConfigError(`${name}=${raw}: expected a number between ${min} and ${max}`);
  }
  return v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = num(env, name, fallback, min, max);
  if (!Number.isInteger(v)) throw new ConfigError(`${name}=${env[name]}: expected a whole number`);
  return v;
}
