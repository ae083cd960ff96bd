/** Messages between a solve thread and its parent, and the stop flag they share. */
import type { SolveProgress, StopReason } from '../solvers/control.ts';
import type { PlanRequest } from '../src/model/schema.ts';
import type { PlanResult } from '../src/plan/types.ts';
import type { JobRules } from '../src/queue/jobs.ts';

export interface ThreadInput {
  readonly request: PlanRequest;
  readonly capSeconds: number;
  readonly progressEveryMs: number;
  readonly rules?: JobRules;
  /** SharedArrayBuffer of one Int32: 0 = go on, otherwise a STOP_CODES value. */
  readonly stop: SharedArrayBuffer;
}

export type ThreadMessage =
  | { readonly type: 'progress'; readonly progress: SolveProgress }
  | { readonly type: 'result'; readonly result: PlanResult }
  | { readonly type: 'error'; readonly message: string; readonly stack: string };

/** The reasons a parent can ask a solve to stop with. */
export type ExternalStop = Extract<StopReason, 'cap' | 'cancel'>;

export const STOP_CODES: Record<ExternalStop, number> = { cap: 1, cancel: 2 };

export function reasonOf(code: number): ExternalStop | null {
  if (code === STOP_CODES.cap) return 'cap';
  if (code === STOP_CODES.cancel) return 'cancel';
  return null;
}
