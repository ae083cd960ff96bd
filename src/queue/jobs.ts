/**
 * What travels through the queue. A job carries everything a stateless worker needs (the
 * validated request; later the learned rules), and its return value carries the plan back to
 * the API process, which persists it. The job id is the plan id.
 */
import type { ArcRule } from '../compile/rules.ts';
import type { AccessRule, AppliedConstraint } from '../feedback/types.ts';
import type { PlanRequest } from '../model/schema.ts';
import type { PlanResult } from '../plan/types.ts';

export const QUEUE_NAME = 'plans';
export const JOB_NAME = 'solve';

export interface PlanJobData {
  readonly planId: string;
  readonly request: PlanRequest;
  /** Compute cap set by the API's configuration; the worker applies the smaller of this and its own. */
  readonly capSeconds?: number;
  /** Learned constraints to apply (issue 4), in their JSON form. */
  readonly rules?: JobRules;
}

/** The rules a job can carry: only what survives JSON (vehicle restrictions are code, built in the worker). */
export interface JobRules {
  readonly arcs?: readonly ArcRule[];
  /** Vehicle classes allowed per customer; the worker turns them into restrictions (src/feedback/jobRules.ts). */
  readonly access?: readonly AccessRule[];
  /** The learned constraints behind these rules and the request's changes; the result lists them. */
  readonly applied?: readonly AppliedConstraint[];
}

/** Progress a running solve reports at least every second. */
export interface PlanJobProgress {
  readonly elapsedMs: number;
  readonly iterations: number;
  readonly bestObjective: number | null;
}

export type PlanJobResult =
  | { readonly outcome: 'succeeded'; readonly result: PlanResult; readonly detail: string }
  | { readonly outcome: 'cancelled'; readonly result: PlanResult | null; readonly detail: string };

/**
 * Redis key that asks the worker solving `planId` to stop. BullMQ's own cancel only reaches
 * the worker process that holds the job, and the API is another process: so the API sets this
 * key and the sandbox running the solve polls it.
 */
export function cancelKey(prefix: string, planId: string): string {
  return `${prefix}:${QUEUE_NAME}:cancel:${planId}`;
}

/** Seconds a cancel request is kept: long enough to outlive any queued or running solve. */
export const CANCEL_TTL_SECONDS = 2 * 86_400;

export function isJobProgress(x: unknown): x is PlanJobProgress {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return (
    typeof p.elapsedMs === 'number' &&
    typeof p.iterations === 'number' &&
    (p.bestObjective === null || typeof p.bestObjective === 'number')
  );
}

export function isJobResult(x: unknown): x is PlanJobResult {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (r.outcome === 'succeeded' && typeof r.result === 'object' && r.result !== null) || r.outcome === 'cancelled';
}
