/**
 * A route of the local search: its visit sequence (start depot, clients, end depot) and, per
 * position, the prefix and suffix figures that let operators evaluate a change in O(1)
 * (segments.ts). Arrays grow on demand so that a thousand empty vehicles cost little memory.
 */
import type { CostEvaluator } from '../costEvaluator.ts';
import { forwardTimeWarp } from '../exact.ts';
import type { Instance } from '../instance.ts';
import { durOut, mergeDuration } from '../segments.ts';

export class Route {
  /** Positions 0..size+1: nodes[0] start depot, nodes[1..size] clients, nodes[size+1] end depot. */
  nodes: Int32Array;
  size = 0;
  /** Bumped whenever the visit sequence changes (cache key for SWAP* insertion costs). */
  version = 0;
  /** Distance from the start depot to each position. */
  cumDist: Float64Array;
  /** Distance of the reversed prefix: sum over q in 1..p of d(nodes[q], nodes[q-1]). */
  cumDistRev: Float64Array;
  /** Load delivered at positions 0..p, per dimension: cumLoad[p * numDims + d]. */
  cumLoad: Float64Array;
  /** Load-distance of the prefix 0..p, counting only demand within the prefix. */
  prefW: Float64Array;
  /** Duration segment of the prefix 0..p (start depot included). */
  pDur: Float64Array;
  pTw: Float64Array;
  pE: Float64Array;
  pL: Float64Array;
  /** Duration segment of the clients p..size (end depot excluded: it depends on the vehicle type). */
  sDur: Float64Array;
  sTw: Float64Array;
  sE: Float64Array;
  sL: Float64Array;

  // ---- totals ----
  dist = 0;
  duration = 0;
  timeWarp = 0;
  loadDist = 0;
  readonly load: Float64Array;
  /** Penalised cost under the evaluator of the last update. */
  cost = 0;
  /** Cost without penalties. */
  baseCost = 0;
  /** True when the route holds a client with several windows (exact time check needed). */
  hasMulti = false;
  /** Sum of the excesses the evaluator prices (for feasibility bookkeeping). */
  excessLoad = 0;
  excessOther = 0;

  constructor(
    private readonly inst: Instance,
    readonly idx: number,
    readonly type: number,
  ) {
    this.load = new Float64Array(inst.numDims);
    const cap = 8;
    this.nodes = new Int32Array(cap);
    this.cumDist = new Float64Array(cap);
    this.cumDistRev = new Float64Array(cap);
    this.cumLoad = new Float64Array(cap * inst.numDims);
    this.prefW = new Float64Array(cap);
    this.pDur = new Float64Array(cap);
    this.pTw = new Float64Array(cap);
    this.pE = new Float64Array(cap);
    this.pL = new Float64Array(cap);
    this.sDur = new Float64Array(cap);
    this.sTw = new Float64Array(cap);
    this.sE = new Float64Array(cap);
    this.sL = new Float64Array(cap);
    this.nodes[0] = inst.startDepot[type];
    this.nodes[1] = inst.endDepot[type];
  }

  private ensure(positions: number): void {
    if (this.nodes.length >= positions) return;
    const cap = Math.max(positions, this.nodes.length * 2);
    const grow = <T extends Int32Array | Float64Array>(a: T, per = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.nodes = grow(this.nodes);
    this.cumDist = grow(this.cumDist);
    this.cumDistRev = grow(this.cumDistRev);
    this.cumLoad = grow(this.cumLoad, this.inst.numDims);
    this.prefW = grow(this.prefW);
    this.pDur = grow(this.pDur);
    this.pTw = grow(this.pTw);
    this.pE = grow(this.pE);
    this.pL = grow(this.pL);
    this.sDur = grow(this.sDur);
    this.sTw = grow(this.sTw);
    this.sE = grow(this.sE);
    this.sL = grow(this.sL);
  }

  /** Replaces the clients with visits[0..len) (caller then calls update). */
  setVisits(visits: Int32Array, len: number): void {
    this.ensure(len + 2);
    this.size = len;
    this.version++;
    for (let i = 0; i < len; i++) this.nodes[i + 1] = visits[i];
    this.nodes[len + 1] = this.inst.endDepot[this.type];
  }

  /** Recomputes every cached figure and the cost; O(size). */
  update(ce: CostEvaluator): void {
    const inst = this.inst;
    const k = this.type;
    const n = inst.numLocations;
    const D = inst.numDims;
    const dist = inst.dist[k];
    const dur = inst.dur[k];
    const demand = inst.demand;
    const st = inst.serviceTime;
    const ld = inst.loadDim[k];
    const useTime = !inst.timeFree;
    const nodes = this.nodes;
    const last = this.size + 1;
    const s = nodes[0];
    this.cumDist[0] = 0;
    this.cumDistRev[0] = 0;
    for (let d = 0; d < D; d++) this.cumLoad[d] = 0;
    this.prefW[0] = 0;
    this.pDur[0] = st[s];
    this.pTw[0] = 0;
    this.pE[0] = inst.startEarly[k];
    this.pL[0] = inst.startLate[k];
    let hasMulti = false;
    for (let p = 1; p <= last; p++) {
      const a = nodes[p - 1];
      const b = nodes[p];
      const cd = this.cumDist[p - 1] + dist[a * n + b];
      this.cumDist[p] = cd;
      this.cumDistRev[p] = this.cumDistRev[p - 1] + dist[b * n + a];
      const client = p < last;
      for (let d = 0; d < D; d++)
        this.cumLoad[p * D + d] = this.cumLoad[(p - 1) * D + d] + (client ? demand[b * D + d] : 0);
      this.prefW[p] = this.prefW[p - 1] + (client ? cd * demand[b * D + ld] : 0);
      if (useTime) {
        mergeDuration(
          this.pDur[p - 1],
          this.pTw[p - 1],
          this.pE[p - 1],
          this.pL[p - 1],
          dur[a * n + b],
          client ? st[b] : 0,
          0,
          client ? inst.twEarly[b] : inst.endEarly[k],
          client ? inst.twLate[b] : inst.endLate[k],
        );
        this.pDur[p] = durOut[0];
        this.pTw[p] = durOut[1];
        this.pE[p] = durOut[2];
        this.pL[p] = durOut[3];
      }
      if (client && inst.multiWindow[b]) hasMulti = true;
    }
    if (useTime && this.size > 0) {
      let c = nodes[this.size];
      this.sDur[this.size] = st[c];
      this.sTw[this.size] = 0;
      this.sE[this.size] = inst.twEarly[c];
      this.sL[this.size] = inst.twLate[c];
      for (let p = this.size - 1; p >= 1; p--) {
        const a = nodes[p];
        mergeDuration(
          st[a],
          0,
          inst.twEarly[a],
          inst.twLate[a],
          dur[a * n + c],
          this.sDur[p + 1],
          this.sTw[p + 1],
          this.sE[p + 1],
          this.sL[p + 1],
        );
        this.sDur[p] = durOut[0];
        this.sTw[p] = durOut[1];
        this.sE[p] = durOut[2];
        this.sL[p] = durOut[3];
        c = a;
      }
    }
    this.hasMulti = hasMulti;
    this.dist = this.cumDist[last];
    this.duration = useTime ? this.pDur[last] : 0;
    this.timeWarp = useTime ? this.pTw[last] : 0;
    if (hasMulti && useTime) {
      // The hull hides gaps between windows: price the route's real lateness.
      const exact = forwardTimeWarp(inst.data, k, this.nodes.subarray(1), this.size);
      if (exact > this.timeWarp) this.timeWarp = exact;
    }
    this.loadDist = this.prefW[last];
    for (let d = 0; d < D; d++) this.load[d] = this.cumLoad[this.size * D + d];
    this.recost(ce);
  }

  /** Recomputes cost figures from the totals (after a penalty change). */
  recost(ce: CostEvaluator): void {
    const inst = this.inst;
    const k = this.type;
    this.cost = ce.routeCost(inst, k, this.size, this.dist, this.duration, this.timeWarp, this.loadDist, this.load, 0);
    if (this.size === 0) {
      this.baseCost = 0;
      this.excessLoad = 0;
      this.excessOther = 0;
      return;
    }
    this.baseCost =
      inst.fixedCost[k] +
      inst.unitDistanceCost[k] * this.dist +
      inst.unitDurationCost[k] * this.duration +
      inst.unitLoadDistanceCost[k] * this.loadDist;
    const D = inst.numDims;
    let el = 0;
    for (let d = 0; d < D; d++) el += Math.max(0, this.load[d] - inst.capacity[k * D + d]);
    this.excessLoad = el;
    this.excessOther =
      this.timeWarp +
      Math.max(0, this.dist - inst.maxDistance[k]) +
      Math.max(0, this.duration - inst.maxDuration[k]) +
      Math.max(0, this.size - inst.maxStops[k]);
  }
}
