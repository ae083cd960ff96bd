/**
 * Concatenation segments (Vidal et al. 2013; PyVRP): every quantity a route's cost depends on
 * can be merged in O(1) from the figures of two consecutive pieces:
 *
 * - distance: D(A+B) = D(A) + d(last A, first B) + D(B);
 * - load, per dimension (delivery only): L(A+B) = L(A) + L(B);
 * - load-distance (fuel/CO2 term, Xiao et al. 2012; the load on an arc is what is still to be
 *   delivered): W(A+B) = W(A) + (D(A) + d) * L(B) + W(B);
 * - time (duration segment over the window hull): duration, time warp, earliest and latest
 *   service start of the first stop (see mergeDuration).
 *
 * A Proposal is a route being assembled from pieces (a prefix of a route, single clients,
 * ranges and a suffix of routes, then the end depot of its vehicle type): operators build one
 * per route they would change, read its penalised cost, and the search applies it by
 * materialising the visit sequence it recorded. No allocation happens while proposing.
 */
import type { CostEvaluator } from './costEvaluator.ts';
import type { Instance } from './instance.ts';
import type { Route } from './search/route.ts';

/** Output slots of mergeDuration (module scratch: single-threaded, never kept across calls). */
export const durOut = new Float64Array(4);

/**
 * Merges duration segment A = (dur, tw, early, late) with B, travel time t between them.
 * Writes (dur, tw, early, late) of A+B into durOut.
 */
export function mergeDuration(
  aDur: number,
  aTw: number,
  aE: number,
  aL: number,
  t: number,
  bDur: number,
  bTw: number,
  bE: number,
  bL: number,
): void {
  const delta = aDur - aTw + t;
  const dWait = Math.max(bE - delta - aL, 0);
  const dTw = Math.max(aE + delta - bL, 0);
  durOut[0] = aDur + bDur + t + dWait;
  durOut[1] = aTw + bTw + dTw;
  durOut[2] = Math.max(bE - delta, aE) - dWait;
  durOut[3] = Math.min(bL - delta, aL) + dTw;
}

export class Proposal {
  k = 0;
  last = 0;
  /** Penalised cost computed by the last finish(). */
  cost = 0;
  stops = 0;
  dist = 0;
  loadDist = 0;
  tDur = 0;
  tTw = 0;
  tE = 0;
  tL = 0;
  readonly load: Float64Array;
  /** Recorded pieces: route (null for a single client) and position range, or client in `from`. */
  private readonly pieceRoute: (Route | null)[] = [];
  private readonly pieceFrom: Int32Array = new Int32Array(16);
  private readonly pieceTo: Int32Array = new Int32Array(16);
  private numPieces = 0;
  private distM: Float64Array;
  private durM: Float64Array;
  private profile = 0;
  private readonly n: number;
  private readonly D: number;
  private loadDim = 0;
  private readonly useTime: boolean;
  private readonly useW: boolean;

  constructor(private readonly inst: Instance) {
    this.n = inst.numLocations;
    this.D = inst.numDims;
    this.load = new Float64Array(inst.numDims);
    this.distM = inst.dist[0];
    this.durM = inst.dur[0];
    this.useTime = !inst.timeFree;
    let w = false;
    for (let k = 0; k < inst.numTypes; k++) if (inst.unitLoadDistanceCost[k] !== 0) w = true;
    this.useW = w;
  }

  /** Starts the proposal with positions 0..pos (start depot and clients 1..pos) of `route`. */
  startWith(route: Route, pos: number): this {
    const inst = this.inst;
    const k = route.type;
    this.k = k;
    this.profile = inst.profile[k];
    this.distM = inst.dist[k];
    this.durM = inst.dur[k];
    this.loadDim = inst.loadDim[k];
    this.last = route.nodes[pos];
    this.stops = pos;
    this.dist = route.cumDist[pos];
    this.loadDist = route.prefW[pos];
    const D = this.D;
    for (let d = 0; d < D; d++) this.load[d] = route.cumLoad[pos * D + d];
    this.tDur = route.pDur[pos];
    this.tTw = route.pTw[pos];
    this.tE = route.pE[pos];
    this.tL = route.pL[pos];
    this.numPieces = 0;
    if (pos > 0) this.pushPiece(route, 1, pos);
    return this;
  }

  /** Starts an empty route of type k at its start depot (for routes not yet in use). */
  startEmpty(route: Route): this {
    return this.startWith(route, 0);
  }

  private pushPiece(route: Route | null, from: number, to: number): void {
    const i = this.numPieces++;
    this.pieceRoute[i] = route;
    this.pieceFrom[i] = from;
    this.pieceTo[i] = to;
  }

  /** Appends one client. */
  addNode(c: number): this {
    const arc = this.distM[this.last * this.n + c];
    const inst = this.inst;
    const D = this.D;
    if (this.useW) this.loadDist += (this.dist + arc) * inst.demand[c * D + this.loadDim];
    this.dist += arc;
    for (let d = 0; d < D; d++) this.load[d] += inst.demand[c * D + d];
    if (this.useTime) {
      mergeDuration(
        this.tDur,
        this.tTw,
        this.tE,
        this.tL,
        this.durM[this.last * this.n + c],
        inst.serviceTime[c],
        0,
        inst.twEarly[c],
        inst.twLate[c],
      );
      this.tDur = durOut[0];
      this.tTw = durOut[1];
      this.tE = durOut[2];
      this.tL = durOut[3];
    }
    this.last = c;
    this.stops++;
    this.pushPiece(null, c, c);
    return this;
  }

  /** Appends the clients at positions from..to (inclusive, from <= to) of `route`, in order. */
  addRange(route: Route, from: number, to: number): this {
    if (from > to) return this;
    const inst = this.inst;
    if (
      inst.profile[route.type] !== this.profile ||
      (this.useW && inst.loadDim[route.type] !== this.loadDim) ||
      to - from < 2
    ) {
      // Cached figures are in the route's own profile and load dimension: rebuild node by node.
      const np = this.numPieces;
      for (let p = from; p <= to; p++) this.addNode(route.nodes[p]);
      this.numPieces = np;
      this.pushPiece(route, from, to);
      return this;
    }
    const D = this.D;
    const first = route.nodes[from];
    const arc = this.distM[this.last * this.n + first];
    const rangeDist = route.cumDist[to] - route.cumDist[from];
    if (this.useW) {
      const ld = this.loadDim;
      const L = route.cumLoad[to * D + ld] - route.cumLoad[(from - 1) * D + ld];
      const W = route.prefW[to] - route.prefW[from - 1] - route.cumDist[from] * L;
      this.loadDist += (this.dist + arc) * L + W;
    }
    this.dist += arc + rangeDist;
    for (let d = 0; d < D; d++) this.load[d] += route.cumLoad[to * D + d] - route.cumLoad[(from - 1) * D + d];
    if (this.useTime) {
      let bDur: number;
      let bTw: number;
      let bE: number;
      let bL: number;
      if (to === route.size) {
        bDur = route.sDur[from];
        bTw = route.sTw[from];
        bE = route.sE[from];
        bL = route.sL[from];
      } else {
        const nodes = route.nodes;
        const st = inst.serviceTime;
        let c = nodes[from];
        bDur = st[c];
        bTw = 0;
        bE = inst.twEarly[c];
        bL = inst.twLate[c];
        for (let p = from + 1; p <= to; p++) {
          const nx = nodes[p];
          mergeDuration(bDur, bTw, bE, bL, this.durM[c * this.n + nx], st[nx], 0, inst.twEarly[nx], inst.twLate[nx]);
          bDur = durOut[0];
          bTw = durOut[1];
          bE = durOut[2];
          bL = durOut[3];
          c = nx;
        }
      }
      mergeDuration(this.tDur, this.tTw, this.tE, this.tL, this.durM[this.last * this.n + first], bDur, bTw, bE, bL);
      this.tDur = durOut[0];
      this.tTw = durOut[1];
      this.tE = durOut[2];
      this.tL = durOut[3];
    }
    this.last = route.nodes[to];
    this.stops += to - from + 1;
    this.pushPiece(route, from, to);
    return this;
  }

  /** Appends the clients at positions hi down to lo (inclusive, lo <= hi) of `route`: a reversed range. */
  addReversed(route: Route, lo: number, hi: number): this {
    if (lo > hi) return this;
    const np = this.numPieces;
    for (let p = hi; p >= lo; p--) this.addNode(route.nodes[p]);
    this.numPieces = np;
    // from > to marks a reversed piece.
    this.pushPiece(route, hi, lo);
    if (lo === hi) this.pieceTo[this.numPieces - 1] = hi;
    return this;
  }

  /** Appends clients from position `from` to the last client of `route`. */
  addSuffix(route: Route, from: number): this {
    return this.addRange(route, from, route.size);
  }

  /** Closes the route at the end depot of its type and returns its penalised cost. */
  finish(ce: CostEvaluator): number {
    const inst = this.inst;
    const k = this.k;
    const e = inst.endDepot[k];
    this.dist += this.distM[this.last * this.n + e];
    if (this.useTime) {
      mergeDuration(
        this.tDur,
        this.tTw,
        this.tE,
        this.tL,
        this.durM[this.last * this.n + e],
        0,
        0,
        inst.endEarly[k],
        inst.endLate[k],
      );
      this.tDur = durOut[0];
      this.tTw = durOut[1];
      this.tE = durOut[2];
      this.tL = durOut[3];
    }
    this.cost = ce.routeCost(inst, k, this.stops, this.dist, this.tDur, this.tTw, this.loadDist, this.load, 0);
    return this.cost;
  }

  /** Penalised cost of the last finished proposal, with its time warp raised to `timeWarp`. */
  costWithTimeWarp(ce: CostEvaluator, timeWarp: number): number {
    if (timeWarp <= this.tTw) return this.cost;
    return ce.routeCost(this.inst, this.k, this.stops, this.dist, this.tDur, timeWarp, this.loadDist, this.load, 0);
  }

  /** Writes the proposal's clients into out (from index 0) and returns how many. */
  materialize(out: Int32Array): number {
    let len = 0;
    for (let i = 0; i < this.numPieces; i++) {
      const r = this.pieceRoute[i];
      if (r === null) out[len++] = this.pieceFrom[i];
      else if (this.pieceFrom[i] <= this.pieceTo[i])
        for (let p = this.pieceFrom[i]; p <= this.pieceTo[i]; p++) out[len++] = r.nodes[p];
      else for (let p = this.pieceFrom[i]; p >= this.pieceTo[i]; p--) out[len++] = r.nodes[p];
    }
    return len;
  }
}
