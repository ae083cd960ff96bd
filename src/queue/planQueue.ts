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
  const redis = new Redis(config.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  redis.on('error', () => {});

  return {
    async enqueue(data) {
      await queue.add(JOB_NAME, data, { jobId: data.planId });
    },

    async requestCancel(planId) {
      await redis.set(cancelKey(config.queuePrefix, planId), new Date().toISOString(), 'EX', CANCEL_TTL_SECONDS);
    },

    async removeWaiting(planId) {
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
    },

    async job(planId) {
      const job = await queue.getJob(planId);
      if (!job) return null;
      return {
        state: (await job.getState()) as JobState,
        returnValue: job.returnvalue ?? null,
        failedReason: job.failedReason || null,
        attemptsMade: job.attemptsMade,
      };
    },

    async ping(timeoutMs = 1000) {
      await withTimeout(redis.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
    },

    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
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
