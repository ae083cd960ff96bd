/**
 * The whole solve of one plan request, as a worker thread runs it:
 * validated request → matrices → compiled problem → search → plan (→ ledger).
 * Everything CPU-heavy happens inside this call, so the thread's CPU time is the solve's footprint.
 */
import type { SolveProgress, StopReason } from '../../solvers/control.ts';
import type { PlanRequest } from '../model/schema.ts';
import type { PlanResult } from '../plan/types.ts';

export interface PlanControl {
  /** Polled by the search (at least every ~50 ms); a reason stops it and the best plan so far is returned. */
  readonly shouldStop?: () => StopReason | null;
  /** Progress at most every `progressEveryMs` (default 250 ms). */
  readonly onProgress?: (progress: SolveProgress) => void;
  readonly progressEveryMs?: number;
  /** Compute budget in seconds; the request's timeLimitSeconds is used when smaller. */
  readonly capSeconds?: number;
}

export async function solvePlan(_request: PlanRequest, _control: PlanControl = {}): Promise<PlanResult> {
  throw new Error('solvePlan: being written (compile + plan); see src/compile and src/plan');
}
