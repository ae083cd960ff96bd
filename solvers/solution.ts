/**
 * Building the public Solution from routes, with the objective and feasibility recomputed
 * exactly (exact.ts), so what a solver returns never relies on its own incremental bookkeeping.
 */
import { evaluateRoute } from './exact.ts';
import type { ProblemData, Solution, SolutionRoute } from './problem.ts';

export interface PlainRoute {
  readonly vehicleType: number;
  readonly visits: ArrayLike<number>;
}

export function makeSolution(data: ProblemData, routes: readonly PlainRoute[]): Solution {
  const served = new Uint8Array(data.numLocations);
  const used = new Int32Array(data.numVehicleTypes);
  const out: SolutionRoute[] = [];
  let objective = 0;
  let feasible = true;
  for (const r of routes) {
    if (r.visits.length === 0) continue;
    const ev = evaluateRoute(data, r.vehicleType, r.visits);
    if (!ev.feasible) feasible = false;
    objective += ev.cost;
    used[r.vehicleType]++;
    for (let i = 0; i < r.visits.length; i++) {
      if (served[r.visits[i]]) feasible = false;
      served[r.visits[i]] = 1;
    }
    out.push({ vehicleType: r.vehicleType, visits: Int32Array.from(r.visits) });
  }
  for (let k = 0; k < data.numVehicleTypes; k++) if (used[k] > data.vehicleTypes[k].count) feasible = false;
  for (let c = data.numDepots; c < data.numLocations; c++) if (!served[c]) objective += data.unservedPenalty[c];
  return { routes: out, objective, feasible };
}

/** The solution that serves nobody: always feasible, the anytime fallback. */
export function emptySolution(data: ProblemData): Solution {
  return makeSolution(data, []);
}
