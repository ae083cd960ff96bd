/**
 * The API process keeps the store in step with the queue. Workers never touch the store: a
 * QueueEvents listener records starts, progress, stalls and results as they happen, and a
 * reconciliation pass (at start-up and periodically) looks at the job of every plan still
 * queued or running, so a missed event (API down, Redis restarted) never leaves a plan stuck.
 * Every step is idempotent: the store refuses transitions that are not allowed.
 */
import { QueueEvents } from 'bullmq';
import type { Config } from '../config.ts';
import { errorMessage, type Logger } from '../log.ts';
import type { PlanRequest } from '../model/schema.ts';
import type { PlanRecord, Store } from '../store/index.ts';
import { isJobProgress, isJobResult, type PlanJobData, QUEUE_NAME } from './jobs.ts';
import { type PlanQueue, redisOptions, withTimeout } from './planQueue.ts';

export interface Persistence {
  /** Resolves when the listener is connected (or failed to connect: reconciliation still runs). */
  readonly ready: Promise<void>;
  /** One reconciliation pass over all unfinished plans. */
  reconcile(): Promise<ReconcileReport>;
  /** Reconciles one plan now (e.g. right after a cancel). */
  reconcileOne(planId: string): Promise<void>;
  close(): Promise<void>;
}

export interface ReconcileReport {
  readonly checked: number;
  readonly changed: number;
  readonly requeued: number;
  readonly errors: number;
}

export interface PersistenceDeps {
  readonly store: Store;
  readonly queue: PlanQueue;
  readonly config: Config;
  readonly log: Logger;
}

/** A plan whose job is missing is re-queued only when older than this (its add may be in flight). */
const MISSING_JOB_GRACE_MS = 2_000;

export function startPersistence(deps: PersistenceDeps): Persistence {
  const { store, config, log } = deps;
  const plans = store.plans;
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      log.error(`persisting ${what} failed; reconciliation will retry`, { error: errorMessage(e) });
    }
  };

  function listen(): QueueEvents {
    const events = new QueueEvents(QUEUE_NAME, { connection: redisOptions(config), prefix: config.queuePrefix });
    let lastError = '';
    events.on('error', (e) => {
      const message = errorMessage(e);
      if (message !== lastError) log.warn('queue events: connection problem', { error: message });
      lastError = message;
    });
    events.on('active', ({ jobId }) => guard('start', () => markRunning(jobId)));
    events.on('progress', ({ jobId, data }) =>
      guard('progress', () => {
        if (isJobProgress(data)) plans.saveProgress(jobId, data);
      }),
    );
    events.on('stalled', ({ jobId }) =>
      guard('stall', () => {
        plans.transition(
          jobId,
          'queued',
          'the worker solving this plan stopped responding; waiting for another worker',
        );
      }),
    );
    events.on('completed', ({ jobId, returnvalue }) => guard('result', () => applyResult(jobId, returnvalue)));
    events.on('failed', ({ jobId, failedReason }) => guard('failure', () => applyFailure(jobId, failedReason)));
    return events;
  }

  // BullMQ's listener cannot be closed before its first connection (close() waits for it), so it
  // is created once Redis answers; until then the API runs and the reconciliation catches up.
  let events: QueueEvents | null = null;
  let stopped = false;
  async function connect(): Promise<void> {
    let warned = false;
    while (!stopped) {
      try {
        await deps.queue.ping(2000);
        break;
      } catch (e) {
        if (!warned) log.warn('waiting for Redis before listening to the queue', { error: errorMessage(e) });
        warned = true;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    if (stopped) return;
    events = listen();
    await events.waitUntilReady();
    if (warned) log.info('listening to the queue again');
  }
  const connected = connect().catch((e) => log.warn('queue events not connected', { error: errorMessage(e) }));

  function markRunning(planId: string): void {
    const plan = plans.get(planId);
    if (!plan) return;
    const again = plan.attempts > 0 ? ' again (a previous worker was lost)' : '';
    plans.transition(planId, 'running', `a worker started the solve${again}`);
  }

  function applyResult(planId: string, value: unknown): void {
    if (!plans.get(planId)) return;
    if (!isJobResult(value)) {
      plans.finish(planId, 'failed', 'the worker returned something that is not a plan', undefined, 'invalid result');
      return;
    }
    // A plan that finished before the 'active' event was seen still records that it ran.
    plans.transition(planId, 'running', 'a worker started the solve');
    plans.finish(planId, value.outcome, value.detail, value.result ?? undefined);
  }

  function applyFailure(planId: string, reason: string | null | undefined): void {
    const message = explainFailure(reason ?? 'unknown error', config);
    plans.finish(planId, 'failed', message, undefined, message);
  }

  async function reconcilePlan(plan: PlanRecord): Promise<'same' | 'changed' | 'requeued'> {
    const job = await deps.queue.job(plan.id);
    const before = plans.get(plan.id)?.status;
    if (!job || job.state === 'unknown') return requeueMissing(plan);
    switch (job.state) {
      case 'completed':
        applyResult(plan.id, job.returnValue);
        break;
      case 'failed':
        applyFailure(plan.id, job.failedReason);
        break;
      case 'active':
        markRunning(plan.id);
        break;
      default:
        if (plan.status === 'running') {
          plans.transition(plan.id, 'queued', 'the worker solving this plan was lost; waiting for another worker');
        }
    }
    return plans.get(plan.id)?.status === before ? 'same' : 'changed';
  }

  async function requeueMissing(plan: PlanRecord): Promise<'same' | 'changed' | 'requeued'> {
    if (plan.cancelRequestedAt) {
      plans.finish(plan.id, 'cancelled', 'cancelled before it started');
      return 'changed';
    }
    if (Date.now() - Date.parse(plan.createdAt) < MISSING_JOB_GRACE_MS) return 'same';
    const request = plans.request(plan.id) as PlanRequest | undefined;
    if (!request) return 'same';
    // The same learned rules as the first time (issue 4): they were fixed when the plan was accepted.
    const rules = store.planInputs.rules(plan.id);
    const data: PlanJobData = { planId: plan.id, request, capSeconds: config.capSeconds, ...(rules ? { rules } : {}) };
    await deps.queue.enqueue(data);
    if (plan.status === 'running') plans.transition(plan.id, 'queued', 'the queue had lost this plan; queued again');
    else plans.note(plan.id, 'the queue had lost this plan; queued again');
    log.warn('re-queued a plan the queue had lost', { planId: plan.id });
    return 'requeued';
  }

  let running: Promise<ReconcileReport> | null = null;
  async function reconcileAll(): Promise<ReconcileReport> {
    let checked = 0;
    let changed = 0;
    let requeued = 0;
    let errors = 0;
    for (const plan of plans.unfinished()) {
      checked++;
      try {
        const outcome = await reconcilePlan(plan);
        if (outcome === 'changed') changed++;
        if (outcome === 'requeued') requeued++;
      } catch (e) {
        errors++;
        if (errors === 1)
          log.warn('reconciliation could not check a plan', { planId: plan.id, error: errorMessage(e) });
      }
    }
    return { checked, changed, requeued, errors };
  }

  const reconcile = () => {
    running ??= reconcileAll().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    reconcile().catch((e) => log.error('reconciliation failed', { error: errorMessage(e) }));
  }, config.reconcileMs);
  timer.unref();

  // Start-up waits a little for the listener, then reconciles whatever happened while the API was down.
  const ready = withTimeout(connected, 5000, 'Redis not reachable within 5 s')
    .catch(() => undefined)
    .then(() => reconcile())
    .then((r) => {
      if (r.changed + r.requeued > 0) log.info('start-up reconciliation', { ...r });
    })
    .catch((e) => log.error('start-up reconciliation failed', { error: errorMessage(e) }));

  return {
    ready,
    reconcile,
    async reconcileOne(planId) {
      const plan = plans.get(planId);
      if (plan && (plan.status === 'queued' || plan.status === 'running')) await reconcilePlan(plan);
    },
    async close() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      await withTimeout(connected, 3000, 'still connecting').catch(() => undefined);
      await (events ? withTimeout(events.close(), 3000, 'Redis did not answer') : Promise.resolve()).catch(
        () => undefined,
      );
    },
  };
}

/** Turns BullMQ's failure reasons into sentences a planner can act on. */
export function explainFailure(reason: string, config: Config): string {
  if (/stalled more than allowable limit/i.test(reason)) {
    return (
      `the workers solving this plan were lost ${config.maxStalledCount + 1} times (killed, out of memory ` +
      'or overloaded); the plan was not retried again'
    );
  }
  return reason;
}
