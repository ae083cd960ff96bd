/**
 * The shape of a node operator: evaluated on a routed client U and a position V (client or
 * the start depot of a route). A negative return means an improving move whose proposals are
 * left in the search's `propA` (U's route) and, for two-route moves, `propB` (V's route).
 *
 * Operators first price a move on its "static" part (fixed, distance, load, stops and
 * distance-limit costs), which is O(1) from cumulative figures. When the problem has no time
 * and no load-distance term this is the exact cost and no segment is merged at all; otherwise
 * it is a lower bound (time costs are >= 0) that prunes most candidates.
 */
import type { LocalSearch } from './localSearch.ts';
import type { Route } from './route.ts';

export interface NodeOperator {
  readonly name: string;
  evaluate(ls: LocalSearch, U: number, vRoute: Route, vPos: number): number;
}

/** Lower bound of a route's cost from its size and distance alone (every other term is >= 0). */
export function distanceBound(ls: LocalSearch, k: number, stops: number, dist: number): number {
  return stops > 0 ? ls.inst.fixedCost[k] + ls.inst.unitDistanceCost[k] * dist : 0;
}

/**
 * Static cost of a route of type k with `stops` clients, distance `dist` and load
 * ls.loadScratch[0..D): exact penalised cost minus its time and load-distance parts.
 */
export function staticCost(ls: LocalSearch, k: number, stops: number, dist: number): number {
  if (stops === 0) return 0;
  const inst = ls.inst;
  const ce = ls.ce;
  let c = inst.fixedCost[k] + inst.unitDistanceCost[k] * dist;
  const D = inst.numDims;
  const load = ls.loadScratch;
  for (let d = 0; d < D; d++) {
    const ex = load[d] - inst.capacity[k * D + d];
    if (ex > 0) c += ce.loadPenalty[d] * ex;
  }
  const de = dist - inst.maxDistance[k];
  if (de > 0) c += ce.distPenalty * de;
  const se = stops - inst.maxStops[k];
  if (se > 0) c += ce.stopsPenalty * se;
  return c;
}

/**
 * Writes into ls.loadScratch the load of route r with its positions [rFrom, rTo] removed and
 * positions [oFrom, oTo] of route o added (empty ranges when from > to).
 */
export function loadAfter(
  ls: LocalSearch,
  r: Route,
  rFrom: number,
  rTo: number,
  o: Route | null,
  oFrom: number,
  oTo: number,
): void {
  const D = ls.inst.numDims;
  const out = ls.loadScratch;
  const rl = r.cumLoad;
  for (let d = 0; d < D; d++) {
    let v = r.load[d];
    if (rFrom <= rTo) v -= rl[rTo * D + d] - rl[(rFrom - 1) * D + d];
    if (o !== null && oFrom <= oTo) v += o.cumLoad[oTo * D + d] - o.cumLoad[(oFrom - 1) * D + d];
    out[d] = v;
  }
}
