/**
 * Individual: one complete solution of the genetic search, as routes plus the figures the
 * population needs: objective (route costs without penalties + unserved penalties), the
 * excess of each penalised constraint kind, and successor/predecessor arrays for the
 * broken-pairs distance.
 */
import type { CostEvaluator } from '../costEvaluator.ts';
import { routeTimes } from '../exact.ts';
import type { Instance } from '../instance.ts';
import type { LocalSearch, RouteSpec } from '../search/localSearch.ts';

/** Excess kinds: numDims load dimensions, then time warp, distance, duration, stops. */
export function numExcessKinds(inst: Instance): number {
  return inst.numDims + 4;
}

export class Individual {
  constructor(
    readonly routes: RouteSpec[],
    /** Successor of each location (-1 = depot, -2 = unserved). */
    readonly succ: Int32Array,
    readonly pred: Int32Array,
    readonly objective: number,
    readonly excess: Float64Array,
    readonly feasible: boolean,
  ) {}

  penalisedCost(ce: CostEvaluator): number {
    const D = ce.loadPenalty.length;
    let c = this.objective;
    for (let d = 0; d < D; d++) c += ce.loadPenalty[d] * this.excess[d];
    return (
      c +
      ce.twPenalty * this.excess[D] +
      ce.distPenalty * this.excess[D + 1] +
      ce.durPenalty * this.excess[D + 2] +
      ce.stopsPenalty * this.excess[D + 3]
    );
  }

  static fromSearch(ls: LocalSearch): Individual {
    const inst = ls.inst;
    const n = inst.numLocations;
    const D = inst.numDims;
    const succ = new Int32Array(n).fill(-2);
    const pred = new Int32Array(n).fill(-2);
    const excess = new Float64Array(numExcessKinds(inst));
    const routes: RouteSpec[] = [];
    let objective = 0;
    let exactOk = true;
    for (const r of ls.routes) {
      if (r.size === 0) continue;
      const k = r.type;
      const visits = r.nodes.slice(1, r.size + 1);
      routes.push({ type: k, visits });
      for (let i = 0; i < visits.length; i++) {
        succ[visits[i]] = i + 1 < visits.length ? visits[i + 1] : -1;
        pred[visits[i]] = i > 0 ? visits[i - 1] : -1;
      }
      objective += r.baseCost;
      for (let d = 0; d < D; d++) excess[d] += Math.max(0, r.load[d] - inst.capacity[k * D + d]);
      excess[D] += r.timeWarp;
      excess[D + 1] += Math.max(0, r.dist - inst.maxDistance[k]);
      excess[D + 2] += Math.max(0, r.duration - inst.maxDuration[k]);
      excess[D + 3] += Math.max(0, r.size - inst.maxStops[k]);
      if (r.hasMulti && r.timeWarp === 0 && Number.isNaN(routeTimes(inst.data, k, visits, visits.length).departure)) {
        exactOk = false;
      }
    }
    for (let c = inst.numDepots; c < n; c++) if (succ[c] === -2) objective += inst.penalty[c];
    let feasible = exactOk;
    for (let i = 0; i < excess.length; i++) if (excess[i] > 0) feasible = false;
    return new Individual(routes, succ, pred, objective, excess, feasible);
  }
}

/** Broken-pairs distance (PyVRP): share of clients whose neighbours differ between a and b. */
export function brokenPairsDistance(inst: Instance, a: Individual, b: Individual): number {
  let broken = 0;
  for (let j = inst.numDepots; j < inst.numLocations; j++) {
    const sa = a.succ[j];
    const pa = a.pred[j];
    if (sa !== b.succ[j] && sa !== b.pred[j]) broken++;
    if (pa === -1 && b.pred[j] !== -1 && b.succ[j] !== -1) broken++;
  }
  return broken / Math.max(1, inst.numClients);
}
