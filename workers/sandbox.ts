/**
 * The BullMQ sandboxed processor: runs in a child process that the worker forks, so a solve can
 * never starve the worker's lock renewal. The solve itself runs in a worker thread (runSolve.ts),
 * which keeps this process's event loop free to
 *  - report progress at least every second,
 *  - poll the cancel flag the API sets in Redis (BullMQ's own cancel cannot reach another
 *    process) and pass it to the search through shared memory,
 *  - enforce the hard compute cap,
 *  - notice that the worker died and exit instead of computing on as an orphan.
 */
import type { SandboxedJob } from 'bullmq';
import { Redis } from 'ioredis';
import { type Config, loadConfig } from '../src/config.ts';
import { cancelKey, type PlanJobData, type PlanJobProgress, type PlanJobResult } from '../src/queue/jobs.ts';
import { type SolveRun, startSolve } from './runSolve.ts';

const config: Config = loadConfig();
let redis: Redis | null = null;

guardAgainstOrphaning();

export default async function solveJob(
  job: SandboxedJob<PlanJobData, PlanJobResult>,
  _token?: string,
  signal?: AbortSignal,
): Promise<PlanJobResult> {
  const { planId, request } = job.data;
  if (await cancelRequested(planId)) {
    return { outcome: 'cancelled', result: null, detail: 'cancelled before the solve started' };
  }
  const capSeconds = Math.min(config.capSeconds, job.data.capSeconds ?? config.capSeconds);
  const run = startSolve(request, {
    capSeconds,
    graceSeconds: config.capGraceSeconds,
    heapMb: config.solveHeapMb,
    progressEveryMs: Math.min(250, config.progressMs),
    ...(job.data.rules ? { rules: job.data.rules } : {}),
  });

  const report = () => job.updateProgress(progressOf(run)).catch(() => undefined);
  void report();
  const progressTimer = setInterval(report, config.progressMs);
  const cancelTimer = setInterval(async () => {
    if (await cancelRequested(planId)) run.stop('cancel');
  }, config.cancelPollMs);
  const onAbort = () => run.stop('cancel');
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const outcome = await run.done;
    const final = outcome.kind === 'result' ? outcome.result.solve : null;
    await job
      .updateProgress({
        elapsedMs: Math.round(run.elapsedMs()),
        iterations: final?.iterations ?? run.latest()?.iterations ?? 0,
        bestObjective: final?.objectiveValue ?? run.latest()?.bestObjective ?? null,
      } satisfies PlanJobProgress)
      .catch(() => undefined);
    const cancelled = run.stopRequested() === 'cancel';
    if (outcome.kind === 'result') {
      const stoppedBy = outcome.result.solve.stoppedBy;
      if (cancelled || stoppedBy === 'cancel') {
        return {
          outcome: 'cancelled',
          result: outcome.result,
          detail: 'cancelled while solving; the best plan found so far is kept',
        };
      }
      const seconds = (outcome.result.solve.elapsedMs / 1000).toFixed(1);
      return {
        outcome: 'succeeded',
        result: outcome.result,
        detail: `solved in ${seconds} s (stopped by ${stoppedBy})`,
      };
    }
    if (cancelled) return { outcome: 'cancelled', result: null, detail: `cancelled while solving; ${outcome.message}` };
    throw new Error(outcome.message);
  } finally {
    clearInterval(progressTimer);
    clearInterval(cancelTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function progressOf(run: SolveRun): PlanJobProgress {
  const p = run.latest();
  return {
    elapsedMs: Math.round(run.elapsedMs()),
    iterations: p?.iterations ?? 0,
    bestObjective: p?.bestObjective ?? null,
  };
}

async function cancelRequested(planId: string): Promise<boolean> {
  redis ??= createRedis();
  try {
    return (await redis.exists(cancelKey(config.queuePrefix, planId))) === 1;
  } catch {
    return false; // Redis briefly away: the next poll will see the flag.
  }
}

function createRedis(): Redis {
  const client = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  client.on('error', () => {});
  return client;
}

/**
 * A sandbox whose worker died (e.g. SIGKILL) must not keep computing: its job is already being
 * taken up by another worker. The IPC channel closes when the parent dies; the parent pid
 * check covers a parent that is gone without the channel noticing.
 */
function guardAgainstOrphaning(): void {
  const parent = process.ppid;
  process.on('disconnect', () => process.exit(0));
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 500).unref();
}
