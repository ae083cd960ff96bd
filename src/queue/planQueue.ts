/**
 * The API side of the queue: add a plan's job, look at it, remove it while it waits, and ask a
 * running solve to stop. Connections fail fast while Redis is down (no offline queue), so an
 * API call never hangs on a dead Redis: it answers 503.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { CANCEL_TTL_SECONDS, cancelKey, JOB_NAME, type PlanJobData, QUEUE_NAME } from './jobs.ts';

export type JobState =
  | 'waiting'
  | 'active'
  | 'completed'
  | 'failed'
  | 'delayed'
  | 'prioritized'
  | 'waiting-children'
  | 'unknown';

export interface JobSnapshot {
  readonly state: JobState;
  readonly returnValue: unknown;
  readonly failedReason: string | null;
  readonly attemptsMade: number;
}

export type RemoveOutcome = 'removed' | 'active' | 'finished' | 'absent';

export interface PlanQueue {
  enqueue(data: PlanJobData): Promise<void>;
  /** Sets the cancel flag a running solve polls. */
  requestCancel(planId: string): Promise<void>;
  /** Removes the job if it has not started; tells what it found otherwise. */
  removeWaiting(planId: string): Promise<RemoveOutcome>;
  job(planId: string): Promise<JobSnapshot | null>;
  /** Throws when Redis does not answer a PING within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const redisOptions = (config: Config) => ({ url: config.redisUrl });

/** Redis cannot be reached: the API answers 503 and changes nothing. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** Longest a queue call may take before the API gives up on Redis. */
const CALL_TIMEOUT_MS = 5000;

export function createPlanQueue(config: Config): PlanQueue {
  const queue = new Queue<PlanJobData>(QUEUE_NAME, {
    connection: { ...redisOptions(config), enableOfflineQueue: false },
    prefix: config.queuePrefix,
    // A 'completed' event carries the whole plan; the default 10 000 events could hold gigabytes.
    // Events the API misses beyond this window are caught up by the reconciliation.
    streams: { events: { maxLen: 2000 } },
    defaultJobOptions: {
      attempts: config.jobAttempts,
      removeOnComplete: { age: config.jobRetentionSeconds },
      removeOnFail: { age: config.jobRetentionSeconds },
    },
  });
  // Errors surface in the calls that failed (503) and in /healthz; keep them off stderr noise.
  queue.on('error', () => {});
  // Our own connection tells whether Redis is reachable right now: BullMQ waits for a first
  // connection indefinitely, so calls are refused up front while this one is not ready.
  const redis = new Redis(config.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  let lastError = 'not connected yet';
  redis.on('error', (e) => {
    lastError = e.message || String(e);
  });

  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (redis.status !== 'ready') {
      throw new QueueUnavailableError(`Redis at ${redactUrl(config.redisUrl)} is not reachable (${lastError})`);
    }
    try {
      return await withTimeout(fn(), CALL_TIMEOUT_MS, `Redis did not answer within ${CALL_TIMEOUT_MS} ms`);
    } catch (e) {
      throw new QueueUnavailableError(`${what} failed: ${(e as Error).message}`);
    }
  };

  return {
    async enqueue(data) {
      const adding = queue.add(JOB_NAME, data, { jobId: data.planId });
      try {
        await call('queueing the plan', () => adding);
      } catch (e) {
        // If the add still lands later, take it back: the caller reports the plan as refused.
        adding.then((job) => job.remove()).catch(() => undefined);
        throw e;
      }
    },

    async requestCancel(planId) {
      await call('asking the solve to stop', () =>
        redis.set(cancelKey(config.queuePrefix, planId), new Date().toISOString(), 'EX', CANCEL_TTL_SECONDS),
      );
    },

    async removeWaiting(planId) {
      return call('removing the plan from the queue', async () => {
        const job = await queue.getJob(planId);
        if (!job) return 'absent';
        const state = await job.getState();
        if (state === 'active') return 'active';
        if (state === 'completed' || state === 'failed') return 'finished';
        try {
          await job.remove();
          return 'removed';
        } catch {
          // A worker took it between getState and remove: it holds the lock now.
          return 'active';
        }
      });
    },

    async job(planId) {
      return call('looking up the job', async () => {
        const job = await queue.getJob(planId);
        if (!job) return null;
        return {
          state: (await job.getState()) as JobState,
          returnValue: job.returnvalue ?? null,
          failedReason: job.failedReason || null,
          attemptsMade: job.attemptsMade,
        };
      });
    },

    async ping(timeoutMs = 1000) {
      if (redis.status !== 'ready') throw new Error(`not reachable at ${redactUrl(config.redisUrl)} (${lastError})`);
      await withTimeout(redis.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
    },

    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}

/** redis://user:secret@host → redis://user:***@host, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
