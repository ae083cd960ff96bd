/**
 * The whole solve of one plan request, as a worker thread runs it:
 * validated request → matrices → compiled problem → search → plan (→ ledger).
 * Everything CPU-heavy happens inside this call, so the thread's CPU time is the solve's footprint.
 */
import type { SolveProgress, StopReason } from '../../solvers/control.ts';
import { solve } from '../../solvers/index.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import { compileProblem } from '../compile/compile.ts';
import type { Co2Coefficients } from '../compile/objective.ts';
import type { CompileRules } from '../compile/rules.ts';
import { HaversineProvider } from '../distances/haversine.ts';
import type { MatrixProvider, Point, TravelMatrix } from '../distances/provider.ts';
import { LIMITS, type PlanRequest } from '../model/schema.ts';
import { buildPlan } from '../plan/build.ts';
import type { PlanResult } from '../plan/types.ts';

export interface PlanControl {
  /** Polled by the search (at least every ~50 ms); a reason stops it and the best plan so far is returned. */
  readonly shouldStop?: () => StopReason | null;
  /** Progress at most every `progressEveryMs` (default 250 ms). */
  readonly onProgress?: (progress: SolveProgress) => void;
  readonly progressEveryMs?: number;
  /** Compute budget in seconds; the request's timeLimitSeconds is used when smaller. */
  readonly capSeconds?: number;
  /** Where travel comes from; great-circle estimates by default. */
  readonly matrixProvider?: MatrixProvider;
  /** Learned constraints and zone restrictions to apply. */
  readonly rules?: CompileRules;
  /** Energy model for the co2 objective. */
  readonly co2?: Co2Coefficients;
}

export const SOLVER_NAME = 'tournee-hgs';

export async function solvePlan(request: PlanRequest, control: PlanControl = {}): Promise<PlanResult> {
  const compiled = await compileRequest(request, control);
  const cap = Math.min(control.capSeconds ?? LIMITS.capSeconds, LIMITS.capSeconds);
  const budgetSeconds = Math.min(request.settings.timeLimitSeconds, cap);
  const capBinds = cap < request.settings.timeLimitSeconds;
  const outcome = await solve(compiled.data, {
    timeLimitMs: budgetSeconds * 1000,
    seed: request.settings.seed,
    useLp: request.settings.lp,
    shouldStop: control.shouldStop ? () => control.shouldStop?.() ?? null : undefined,
    onProgress: control.onProgress,
    progressEveryMs: control.progressEveryMs,
  });
  // Running out of the compute cap (not the planner's own limit) is reported as the cap.
  const stoppedBy = outcome.stoppedBy === 'time' && capBinds ? 'cap' : outcome.stoppedBy;
  const provider = control.matrixProvider ?? new HaversineProvider();
  return buildPlan({
    compiled,
    outcome: { ...outcome, stoppedBy },
    solverName: SOLVER_NAME,
    routing: { provider: provider.name, ...provider.describe?.() },
  });
}

/** Matrices for every distinct vehicle profile, then the compiled problem. */
export async function compileRequest(request: PlanRequest, control: PlanControl = {}): Promise<CompiledProblem> {
  const provider = control.matrixProvider ?? new HaversineProvider();
  const points: Point[] = [...request.depots.map((d) => d.location), ...request.orders.map((o) => o.location)];
  const vehicleProfileKeys = request.vehicles.map((v) => provider.profileKey(v));
  const matrices = new Map<string, TravelMatrix>();
  for (const key of new Set(vehicleProfileKeys)) matrices.set(key, await provider.matrix(points, key));
  return compileProblem({ request, matrices, vehicleProfileKeys, rules: control.rules, co2: control.co2 });
}
