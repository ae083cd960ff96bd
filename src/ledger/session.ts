/**
 * The ledger's part in one solve, as the pipeline drives it:
 *   const meter = new ComputeMeter();                  // first thing: the matrices count
 *   ... matrices, compile (objective co2 ← co2Coefficients(request.emissions)) ...
 *   const green = startLedger(request, compiled, meter);
 *   solve(..., { shouldStop: green.shouldStop, onImprovement: green.onImprovement })
 *   ... buildPlan ...
 *   const ledger = green.finish(plan.routes, { travel, rules, provider });
 * The baseline is built inside finish(), before the last CPU reading, so its cost is counted too.
 */
import type { SolveProgress } from '../../solvers/control.ts';
import type { Solution } from '../../solvers/problem.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import type { CompileRules } from '../compile/rules.ts';
import type { PlanRequest } from '../model/schema.ts';
import { buildBaseline, type LedgerTravel, type RouteShape } from './baseline.ts';
import { servedCount, solutionCo2e, typeEnergy } from './co2Objective.ts';
import { vehicleEnergy } from './energy.ts';
import { FRUGAL_DEFAULTS } from './factors.ts';
import { type ComputeMeter, computeParams, energyBasis, footprint, gramsPerComputeSecond } from './footprint.ts';
import { AnytimeRecorder, type FrugalParams } from './frugal.ts';
import { buildLedger } from './ledger.ts';
import type { Ledger } from './types.ts';

export interface LedgerSession {
  /** For SolveOptions.shouldStop: 'frugal' when the frugal rule fires (never when it is off). */
  readonly shouldStop: () => 'frugal' | null;
  /** For SolveOptions.onImprovement: records the anytime curve. */
  readonly onImprovement: (solution: Solution, progress: SolveProgress) => void;
  finish(planRoutes: readonly RouteShape[], context: FinishContext): Ledger;
}

export interface FinishContext {
  readonly travel: LedgerTravel;
  readonly rules?: CompileRules;
  /** Matrix provider name (the ledger says what the CPU time does not cover). */
  readonly provider: string;
}

export function frugalParams(request: PlanRequest): FrugalParams {
  const f = request.emissions?.frugal ?? {};
  return {
    enabled: request.settings.frugalStop,
    safetyFactor: f.safetyFactor ?? FRUGAL_DEFAULTS.safetyFactor.value,
    minSeconds: f.minSeconds ?? FRUGAL_DEFAULTS.minSeconds.value,
    windowSeconds: f.windowSeconds ?? FRUGAL_DEFAULTS.windowSeconds.value,
    windowFraction: f.windowFraction ?? FRUGAL_DEFAULTS.windowFraction.value,
    measure: request.objective === 'co2' ? 'co2e' : 'objective',
  };
}

/** Sum of the penalties of the clients a solution leaves out (part of its objective, not of its routes). */
function unservedPenalties(compiled: CompiledProblem, solution: Solution): number {
  const { data } = compiled;
  const served = new Uint8Array(data.numLocations);
  for (const r of solution.routes) for (const loc of r.visits) served[loc] = 1;
  let sum = 0;
  for (let c = data.numDepots; c < data.numLocations; c++) if (!served[c]) sum += data.unservedPenalty[c];
  return sum;
}

export function startLedger(request: PlanRequest, compiled: CompiledProblem, meter: ComputeMeter): LedgerSession {
  const energies = request.vehicles.map((v) => vehicleEnergy(v, request.emissions));
  const types = typeEnergy(compiled, energies);
  const params = computeParams(request.emissions, meter.memory().heapLimitGB);
  const recorder = new AnytimeRecorder(frugalParams(request), {
    usage: () => meter.usage(),
    computeG: (usage) => footprint(usage, params).totalG,
    gPerComputeSecond: gramsPerComputeSecond(params),
    evaluate: (s) => ({
      co2eKg: solutionCo2e(compiled, types, s),
      served: servedCount(s),
      routeObjective: s.objective - unservedPenalties(compiled, s),
    }),
    onCheck: () => meter.sampleMemory(),
  });
  return {
    shouldStop: recorder.shouldStop,
    onImprovement: recorder.onImprovement,
    finish(planRoutes, context) {
      const baseline = buildBaseline(compiled, context.travel, context.rules);
      const anytime = recorder.report();
      const usage = meter.usage();
      const memory = meter.memory();
      const notes =
        context.provider === 'osrm'
          ? ['the compute footprint counts this solve thread only, not the OSRM server that answered the matrices']
          : [];
      return buildLedger({
        request,
        planRoutes,
        baseline,
        travel: context.travel,
        energies,
        compute: {
          usage,
          scope: meter.scope,
          memory,
          params,
          basis: energyBasis(),
          covers:
            meter.scope === 'thread'
              ? 'CPU of the solve thread: matrices, compile, search, plan, baseline and ledger'
              : 'CPU of the whole process (no per-thread counter here): may include other work',
        },
        anytime,
        notes,
      });
    },
  };
}
