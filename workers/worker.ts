/**
 * A worker process: takes plan jobs from the queue and solves each in a sandboxed child process
 * (see sandbox.ts). Stateless: run any number of them on any machine that reaches REDIS_URL.
 * Lock and stall settings decide how fast a plan whose worker died is taken up again.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { Config } from '../src/config.ts';
import { serverComputeRegion } from '../src/ledger/footprint.ts';
import { errorMessage, type Logger } from '../src/log.ts';
import { type PlanJobData, type PlanJobResult, QUEUE_NAME } from '../src/queue/jobs.ts';
import { redactUrl, redisOptions, withTimeout } from '../src/queue/planQueue.ts';

const PROCESSOR = fileURLToPath(new URL('./sandbox.mjs', import.meta.url));

export interface RunningWorker {
  readonly worker: Worker<PlanJobData, PlanJobResult>;
  /** Stops taking jobs; waits for the current solves unless `force`. */
  close(force?: boolean): Promise<void>;
}

export function startWorker(config: Config, log: Logger): RunningWorker {
  const region = process.env.TOURNEE_COMPUTE_REGION;
  if (region && serverComputeRegion() !== region) {
    log.warn('TOURNEE_COMPUTE_REGION is not a known grid region: the world average is used', { region });
  }
  const worker = new Worker<PlanJobData, PlanJobResult>(QUEUE_NAME, PROCESSOR, {
    connection: { ...redisOptions(config), maxRetriesPerRequest: null },
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    lockDuration: config.lockDurationMs,
    stalledInterval: config.stalledIntervalMs,
    maxStalledCount: config.maxStalledCount,
  });
  let lastError = '';
  worker.on('error', (e) => {
    const message = errorMessage(e);
    if (message !== lastError) log.warn('queue connection problem', { error: message });
    lastError = message;
  });
  let everReady = false;
  worker.on('ready', () => {
    everReady = true;
    lastError = '';
    log.info('ready for plans', { redis: redactUrl(config.redisUrl), concurrency: config.workerConcurrency });
  });
  worker.on('active', (job) => log.info('solving', { planId: job.id, attempt: job.attemptsStarted }));
  worker.on('completed', (job, r) => log.info(`plan ${r.outcome}`, { planId: job.id, detail: r.detail }));
  worker.on('failed', (job, e) => log.warn('plan failed', { planId: job?.id, error: e.message }));
  return {
    worker,
    async close(force = false) {
      // Never connected: no solve can be running, and BullMQ's close would wait for a first connection.
      if (!everReady) return;
      if (!force) return worker.close();
      await withTimeout(worker.close(true), 5000, 'Redis did not answer').catch(() => undefined);
    },
  };
}
