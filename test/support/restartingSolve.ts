/**
 * A real solve whose length the queue tests control: it runs the real solvePlan again and again
 * with new seeds (a multi-start), CPU-bound in the worker thread like any solve, until the time
 * limit of the request or until the stop flag (cancel, cap) says otherwise, and returns the best
 * real plan it found. The tests load it through TOURNEE_SOLVE_MODULE because the real search may
 * legitimately converge in a fraction of a second on a small day, and cancel, cap and a killed
 * worker must be tested while a solve is still computing.
 */
import type { SolveProgress, StopReason } from '../../solvers/control.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import { type PlanControl, solvePlan as realSolvePlan } from '../../src/pipeline/solvePlan.ts';
import type { PlanResult } from '../../src/plan/types.ts';

export async function solvePlan(request: PlanRequest, control: PlanControl = {}): Promise<PlanResult> {
  const t0 = performance.now();
  const limitMs = request.settings.timeLimitSeconds * 1000;
  const elapsed = () => performance.now() - t0;
  let best: PlanResult | null = null;
  let iterations = 0;
  let stoppedBy: StopReason = 'time';
  for (let seed = request.settings.seed; ; seed++) {
    const before = elapsed();
    const result = await realSolvePlan(
      {
        ...request,
        settings: { ...request.settings, seed, timeLimitSeconds: Math.max(0.05, (limitMs - before) / 1000) },
      },
      {
        ...control,
        onProgress: (p: SolveProgress) => control.onProgress?.(cumulative(p, before, iterations, best)),
      },
    );
    iterations += result.solve.iterations;
    if (!best || result.solve.objectiveValue < best.solve.objectiveValue) best = result;
    control.onProgress?.({ elapsedMs: elapsed(), iterations, bestObjective: best.solve.objectiveValue });
    const external = control.shouldStop?.() ?? null;
    if (external || result.solve.stoppedBy === 'cancel' || result.solve.stoppedBy === 'cap') {
      stoppedBy = external ?? result.solve.stoppedBy;
      break;
    }
    if (elapsed() >= limitMs) break;
  }
  return { ...best, solve: { ...best.solve, stoppedBy, iterations, elapsedMs: Math.round(elapsed()) } };
}

function cumulative(p: SolveProgress, offsetMs: number, iterations: number, best: PlanResult | null): SolveProgress {
  const bestSoFar = best?.solve.objectiveValue ?? null;
  const bestObjective =
    bestSoFar === null ? p.bestObjective : p.bestObjective === null ? bestSoFar : Math.min(bestSoFar, p.bestObjective);
  return { elapsedMs: offsetMs + p.elapsedMs, iterations: iterations + p.iterations, bestObjective };
}
