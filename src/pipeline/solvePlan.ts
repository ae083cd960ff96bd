/**
 * The whole solve of one plan request, as a worker thread runs it:
 * validated request → matrices → compiled problem → search → plan (→ ledger).
 * Everything CPU-heavy happens inside this call, so the thread's CPU time is the solve's footprint.
 */
import type { SolveProgress, Solver, StopReason } from '../../solvers/control.ts';
import { solve } from '../../solvers/index.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import { compileProblem } from '../compile/compile.ts';
import type { Co2Coefficients } from '../compile/objective.ts';
import type { CompileRules } from '../compile/rules.ts';
import { HaversineProvider } from '../distances/haversine.ts';
import { providerFromEnv, withRoadAccess } from '../distances/osrm/index.ts';
import type { MatrixProvider, Point, TravelMatrix } from '../distances/provider.ts';
import { travelFromMatrices } from '../ledger/baseline.ts';
import { co2Coefficients } from '../ledger/co2Objective.ts';
import { ComputeMeter } from '../ledger/footprint.ts';
import { startLedger } from '../ledger/session.ts';
import { LIMITS, type PlanRequest } from '../model/schema.ts';
import { buildPlan } from '../plan/build.ts';
import type { PlanResult } from '../plan/types.ts';
import { finishRoutes, withZoneRules } from '../zones/index.ts';

export interface PlanControl {
  /** Polled by the search (at least every ~50 ms); a reason stops it and the best plan so far is returned. */
  readonly shouldStop?: () => StopReason | null;
  /** Progress at most every `progressEveryMs` (default 250 ms). */
  readonly onProgress?: (progress: SolveProgress) => void;
  readonly progressEveryMs?: number;
  /** Compute budget in seconds; the request's timeLimitSeconds is used when smaller. */
  readonly capSeconds?: number;
  /** Where travel comes from; by default from the environment (OSRM_URL…, else great-circle estimates). */
  readonly matrixProvider?: MatrixProvider;
  /** Learned constraints and zone restrictions to apply. */
  readonly rules?: CompileRules;
  /** Energy model for the co2 objective (default: the ledger's, from request.emissions). */
  readonly co2?: Co2Coefficients;
  /** The search to run (tests, benchmarks); the default solver otherwise. */
  readonly solver?: Solver;
}

export const SOLVER_NAME = 'tournee-hgs';

export async function solvePlan(request: PlanRequest, control: PlanControl = {}): Promise<PlanResult> {
  // The ledger charges this thread's CPU from here on: matrices, compile, search, plan, baseline.
  const meter = new ComputeMeter();
  const provider = control.matrixProvider ?? providerFromEnv();
  // Zones (orders inside go to compliant vehicles only) and, on OSRM, depot-order pairs without a road.
  const rules = withRoadAccess(request, provider, withZoneRules(request, control.rules));
  const travel = await whileRunning(control.shouldStop, (signal) => travelMatrices(request, provider, signal));
  const compiled = compileWith(request, travel, { ...control, rules });
  const green = startLedger(request, compiled, meter);
  const cap = Math.min(control.capSeconds ?? LIMITS.capSeconds, LIMITS.capSeconds);
  const budgetSeconds = Math.min(request.settings.timeLimitSeconds, cap);
  const capBinds = cap < request.settings.timeLimitSeconds;
  const outcome = await (control.solver ?? solve)(compiled.data, {
    timeLimitMs: budgetSeconds * 1000,
    seed: request.settings.seed,
    useLp: request.settings.lp,
    // Cap and cancel first; then the frugal stop (a no-op when settings.frugalStop is false).
    shouldStop: () => control.shouldStop?.() ?? green.shouldStop(),
    onImprovement: green.onImprovement,
    onProgress: control.onProgress,
    progressEveryMs: control.progressEveryMs,
  });
  // Running out of the compute cap (not the planner's own limit) is reported as the cap.
  const stoppedBy = outcome.stoppedBy === 'time' && capBinds ? 'cap' : outcome.stoppedBy;
  const plan = buildPlan({
    compiled,
    outcome: { ...outcome, stoppedBy },
    solverName: SOLVER_NAME,
    routing: { provider: provider.name, ...provider.describe?.() },
  });
  // Road geometry of the final routes (or straight legs) and the zone check of every leg.
  const drawn = await finishRoutes(plan, request, provider);
  // The ledger last: the compute it reports includes drawing the routes and building the baseline.
  const ledger = green.finish(drawn.routes, {
    travel: travelFromMatrices(request, travel.matrices, travel.vehicleProfileKeys),
    rules,
    provider: provider.name,
  });
  return { ...drawn, ledger };
}

/** Matrices for every distinct vehicle profile, then the compiled problem. */
export async function compileRequest(request: PlanRequest, control: PlanControl = {}): Promise<CompiledProblem> {
  const travel = await travelMatrices(request, control.matrixProvider ?? new HaversineProvider());
  return compileWith(request, travel, control);
}

export interface RequestMatrices {
  readonly matrices: ReadonlyMap<string, TravelMatrix>;
  readonly vehicleProfileKeys: readonly string[];
}

/** One matrix per distinct vehicle profile, over the points depots-then-orders. */
export async function travelMatrices(
  request: PlanRequest,
  provider: MatrixProvider,
  signal?: AbortSignal,
): Promise<RequestMatrices> {
  const points: Point[] = [...request.depots.map((d) => d.location), ...request.orders.map((o) => o.location)];
  const vehicleProfileKeys = request.vehicles.map((v) => provider.profileKey(v));
  const matrices = new Map<string, TravelMatrix>();
  for (const key of new Set(vehicleProfileKeys)) matrices.set(key, await provider.matrix(points, key, signal));
  return { matrices, vehicleProfileKeys };
}

/**
 * Runs an asynchronous step (a matrix fetch) that a cancel or the cap must be able to cut: the
 * stop hook is polled every 100 ms and aborts the step's signal. The step then throws, and the
 * worker reports the plan cancelled (or stopped) with no routes rather than waiting on a server.
 */
async function whileRunning<T>(
  shouldStop: PlanControl['shouldStop'],
  step: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (!shouldStop) return step(new AbortController().signal);
  const controller = new AbortController();
  const poll = setInterval(() => {
    const reason = shouldStop();
    if (reason) controller.abort(new Error(`stopped by ${reason} while fetching travel matrices`));
  }, 100);
  try {
    return await step(controller.signal);
  } catch (e) {
    // Say why the step ended rather than how the transport noticed.
    throw controller.signal.aborted ? controller.signal.reason : e;
  } finally {
    clearInterval(poll);
  }
}

function compileWith(request: PlanRequest, travel: RequestMatrices, control: PlanControl): CompiledProblem {
  const co2 = control.co2 ?? co2Coefficients(request.emissions);
  return compileProblem({ request, ...travel, rules: control.rules, co2 });
}
