/**
 * CostEvaluator: the penalised route cost the search minimises. Hard constraints of the
 * penalised search (capacity per dimension, time windows via time warp, max distance,
 * max duration, max stops) are priced by adaptive penalty weights; compatibility, vehicle
 * counts and forbidden arcs are never relaxed (forbidden arcs cost 1e12 as distance).
 */
import type { Instance } from './instance.ts';

export class CostEvaluator {
  /** Penalty per unit of excess load, per dimension. */
  readonly loadPenalty: Float64Array;
  /** Penalty per unit of time warp (lateness relative to the window hull). */
  twPenalty: number;
  /** Penalty per unit of distance over maxDistance. */
  distPenalty: number;
  /** Penalty per unit of duration over maxDuration. */
  durPenalty: number;
  /** Penalty per stop over maxStops. */
  stopsPenalty: number;

  constructor(numDims: number, initial = 1) {
    this.loadPenalty = new Float64Array(numDims).fill(initial);
    this.twPenalty = initial;
    this.distPenalty = initial;
    this.durPenalty = initial;
    this.stopsPenalty = initial;
  }

  copyFrom(other: CostEvaluator): this {
    this.loadPenalty.set(other.loadPenalty);
    this.twPenalty = other.twPenalty;
    this.distPenalty = other.distPenalty;
    this.durPenalty = other.durPenalty;
    this.stopsPenalty = other.stopsPenalty;
    return this;
  }

  /** Multiplies every penalty weight (repair booster). */
  scale(factor: number): this {
    for (let d = 0; d < this.loadPenalty.length; d++) this.loadPenalty[d] *= factor;
    this.twPenalty *= factor;
    this.distPenalty *= factor;
    this.durPenalty *= factor;
    this.stopsPenalty *= factor;
    return this;
  }

  /**
   * Penalised cost of a route of type k from its aggregate figures. An empty route costs 0.
   * `load` holds numDims values starting at `loadOffset`.
   */
  routeCost(
    inst: Instance,
    k: number,
    stops: number,
    dist: number,
    duration: number,
    timeWarp: number,
    loadDist: number,
    load: Float64Array,
    loadOffset: number,
  ): number {
    if (stops === 0) return 0;
    let cost =
      inst.fixedCost[k] +
      inst.unitDistanceCost[k] * dist +
      inst.unitDurationCost[k] * duration +
      inst.unitLoadDistanceCost[k] * loadDist;
    const D = inst.numDims;
    const cap = inst.capacity;
    for (let d = 0; d < D; d++) {
      const excess = load[loadOffset + d] - cap[k * D + d];
      if (excess > 0) cost += this.loadPenalty[d] * excess;
    }
    if (timeWarp > 0) cost += this.twPenalty * timeWarp;
    const distExcess = dist - inst.maxDistance[k];
    if (distExcess > 0) cost += this.distPenalty * distExcess;
    const durExcess = duration - inst.maxDuration[k];
    if (durExcess > 0) cost += this.durPenalty * durExcess;
    const stopsExcess = stops - inst.maxStops[k];
    if (stopsExcess > 0) cost += this.stopsPenalty * stopsExcess;
    return cost;
  }
}
