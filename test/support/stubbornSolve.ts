/**
 * A solve that never polls its stop flag (a search stuck in a long loop): what the last-resort
 * timer of the worker exists for. Loaded through TOURNEE_SOLVE_MODULE by the cap test only.
 */
import type { PlanRequest } from '../../src/model/schema.ts';
import type { PlanResult } from '../../src/plan/types.ts';

export async function solvePlan(request: PlanRequest): Promise<PlanResult> {
  const until = performance.now() + request.settings.timeLimitSeconds * 1000;
  let x = 0;
  while (performance.now() < until) x = (x * 31 + 7) % 1_000_003;
  throw new Error(`stubborn solve ended on its own (${x}); the cap should have stopped it`);
}
