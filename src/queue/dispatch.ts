/**
 * Submitting and cancelling plans: the two places where the store and the queue change together.
 * A request is stored first and then queued; if the queue refuses it, the stored row is removed
 * again so a refused plan leaves no trace.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { PlanRequest } from '../model/schema.ts';
import { FINISHED, type PlanRecord, type Store } from '../store/index.ts';
import type { JobRules, PlanJobData } from './jobs.ts';
import type { Persistence } from './persist.ts';
import { type PlanQueue, QueueUnavailableError } from './planQueue.ts';

export { QueueUnavailableError };

export interface DispatchDeps {
  readonly store: Store;
  readonly queue: PlanQueue;
  readonly config: Config;
  readonly persistence?: Persistence;
}

export interface SubmitOptions {
  /** Learned constraints the job carries to the worker (issue 4). */
  readonly rules?: JobRules;
  /** Runs once the plan is stored and before it is queued (e.g. to keep what shaped the request). */
  readonly onStored?: (planId: string) => void;
}

export async function submitPlan(
  deps: DispatchDeps,
  request: PlanRequest,
  options: SubmitOptions = {},
): Promise<PlanRecord> {
  const id = randomUUID();
  const plan = deps.store.plans.create({ id, name: request.name ?? null, date: request.date, request });
  const data: PlanJobData = {
    planId: id,
    request,
    capSeconds: deps.config.capSeconds,
    ...(options.rules ? { rules: options.rules } : {}),
  };
  try {
    options.onStored?.(id);
  } catch (e) {
    deps.store.plans.remove(id);
    throw e;
  }
  try {
    await deps.queue.enqueue(data);
  } catch (e) {
    deps.store.plans.remove(id);
    throw new QueueUnavailableError(`the plan was not accepted, nothing was stored: ${(e as Error).message}`);
  }
  return plan;
}

export type CancelOutcome =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'finished'; readonly plan: PlanRecord }
  | { readonly kind: 'cancelled'; readonly plan: PlanRecord }
  /** The solve was asked to stop and has not reported back yet. */
  | { readonly kind: 'stopping'; readonly plan: PlanRecord };

/**
 * Cancels a plan. A queued plan is removed from the queue at once; a running one is asked to
 * stop (the worker returns its best plan so far within ~2 s) and this waits up to `waitMs` for
 * that to be recorded.
 */
export async function cancelPlan(deps: DispatchDeps, id: string, waitMs = 3000): Promise<CancelOutcome> {
  const plans = deps.store.plans;
  const plan = plans.get(id);
  if (!plan) return { kind: 'unknown' };
  if (FINISHED.has(plan.status)) return { kind: plan.status === 'cancelled' ? 'cancelled' : 'finished', plan };

  plans.markCancelRequested(id);
  // The flag first: a worker that takes the job from now on sees it before it solves anything.
  await deps.queue.requestCancel(id);
  const found = await deps.queue.removeWaiting(id);
  if (found === 'removed' || found === 'absent') {
    plans.finish(id, 'cancelled', 'cancelled before it started');
  } else if (found === 'finished') {
    await deps.persistence?.reconcileOne(id);
  } else {
    plans.note(id, 'cancel requested; the worker is stopping the solve');
    await waitFinished(deps.store, id, waitMs);
  }
  const now = plans.get(id)!;
  if (now.status === 'cancelled') return { kind: 'cancelled', plan: now };
  if (FINISHED.has(now.status)) return { kind: 'finished', plan: now };
  return { kind: 'stopping', plan: now };
}

async function waitFinished(store: Store, id: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const p = store.plans.get(id);
    if (!p || FINISHED.has(p.status)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
