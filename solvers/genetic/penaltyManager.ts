/**
 * Adaptive penalties (Vidal et al. 2012; PyVRP's PenaltyManager): for each penalised
 * constraint kind, the share of recent local-search outputs feasible for that kind is steered
 * towards a target by multiplying its weight up or down.
 */
import { CostEvaluator } from '../costEvaluator.ts';
import type { Instance } from '../instance.ts';
import { type Individual, numExcessKinds } from './individual.ts';

export interface PenaltyParams {
  readonly solutionsBetweenUpdates: number;
  readonly increase: number;
  readonly decrease: number;
  readonly targetFeasible: number;
  readonly repairBooster: number;
  readonly min: number;
  readonly max: number;
}

export const DEFAULT_PENALTY: PenaltyParams = {
  solutionsBetweenUpdates: 50,
  increase: 1.34,
  decrease: 0.32,
  targetFeasible: 0.43,
  repairBooster: 12,
  min: 0.1,
  max: 1e5,
};

export class PenaltyManager {
  readonly ce: CostEvaluator;
  private readonly weights: Float64Array;
  private readonly feasibleCount: Int32Array;
  private registered = 0;
  private readonly D: number;
  private readonly minW: Float64Array;
  private readonly maxW: Float64Array;

  constructor(
    inst: Instance,
    private readonly params: PenaltyParams = DEFAULT_PENALTY,
  ) {
    const kinds = numExcessKinds(inst);
    this.D = inst.numDims;
    this.weights = new Float64Array(kinds);
    this.feasibleCount = new Int32Array(kinds);
    this.minW = new Float64Array(kinds);
    this.maxW = new Float64Array(kinds);
    this.ce = new CostEvaluator(inst.numDims);
    // Initial weights: one unit of excess costs about one average arc.
    const { avgArcCost, avgDemand, avgDur } = averages(inst);
    for (let d = 0; d < this.D; d++) this.weights[d] = avgArcCost / Math.max(avgDemand[d], 1e-9);
    this.weights[this.D] = avgArcCost / Math.max(avgDur, 1e-9);
    this.weights[this.D + 1] = avgArcCost / Math.max(avgArcCost, 1e-9);
    this.weights[this.D + 2] = this.weights[this.D];
    this.weights[this.D + 3] = avgArcCost;
    for (let i = 0; i < kinds; i++) {
      this.minW[i] = this.weights[i] * 1e-3;
      this.maxW[i] = this.weights[i] * 1e5;
    }
    this.apply();
  }

  private apply(): void {
    const D = this.D;
    for (let d = 0; d < D; d++) this.ce.loadPenalty[d] = this.weights[d];
    this.ce.twPenalty = this.weights[D];
    this.ce.distPenalty = this.weights[D + 1];
    this.ce.durPenalty = this.weights[D + 2];
    this.ce.stopsPenalty = this.weights[D + 3];
  }

  /** Records a local-search output; every `solutionsBetweenUpdates` records, adapts the weights. */
  register(ind: Individual): void {
    for (let i = 0; i < this.weights.length; i++) if (ind.excess[i] === 0) this.feasibleCount[i]++;
    if (++this.registered < this.params.solutionsBetweenUpdates) return;
    const p = this.params;
    for (let i = 0; i < this.weights.length; i++) {
      const share = this.feasibleCount[i] / this.registered;
      if (share < p.targetFeasible - 0.05) this.weights[i] = Math.min(this.maxW[i], this.weights[i] * p.increase);
      else if (share > p.targetFeasible + 0.05) this.weights[i] = Math.max(this.minW[i], this.weights[i] * p.decrease);
    }
    this.feasibleCount.fill(0);
    this.registered = 0;
    this.apply();
  }

  /** The evaluator with every weight multiplied by the repair booster. */
  booster(): CostEvaluator {
    return new CostEvaluator(this.D).copyFrom(this.ce).scale(this.params.repairBooster);
  }
}

function averages(inst: Instance): { avgArcCost: number; avgDemand: Float64Array; avgDur: number } {
  const n = inst.numLocations;
  const D = inst.numDims;
  const dist = inst.dist[0];
  const dur = inst.dur[0];
  let sd = 0;
  let st = 0;
  let cnt = 0;
  const step = Math.max(1, Math.floor(n / 200));
  for (let i = 0; i < n; i += step) {
    for (let j = 0; j < n; j += step) {
      if (i === j || dist[i * n + j] >= 1e12) continue;
      sd += dist[i * n + j];
      st += dur[i * n + j];
      cnt++;
    }
  }
  const avgDemand = new Float64Array(D);
  for (let c = inst.numDepots; c < n; c++) for (let d = 0; d < D; d++) avgDemand[d] += inst.demand[c * D + d];
  for (let d = 0; d < D; d++) avgDemand[d] = avgDemand[d] / Math.max(1, inst.numClients) || 1;
  let ud = 0;
  for (let k = 0; k < inst.numTypes; k++) ud = Math.max(ud, inst.unitDistanceCost[k]);
  return {
    avgArcCost: (cnt > 0 ? sd / cnt : 1) * (ud || 1),
    avgDemand,
    avgDur: cnt > 0 && st > 0 ? st / cnt : 1,
  };
}
