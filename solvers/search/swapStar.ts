/**
 * SWAP* (Vidal 2022): exchanges a client u of route R1 with a client v of route R2, each
 * reinserted at its best place in the other route (not necessarily where the other was).
 * For every u the three cheapest insertion places in R2 are precomputed (distance only), so
 * each (u, v) pair is estimated in O(1) from distance and load penalties; the best estimate is
 * then evaluated exactly (time windows included) through proposals.
 */
import type { LocalSearch } from './localSearch.ts';
import type { Route } from './route.ts';

export class SwapStar {
  readonly name = 'swapStar';
  private readonly removal: Float64Array;
  /**
   * Per route (lazily allocated): for each client, its three cheapest insertion costs into the
   * route, the positions after which, and the route version they were computed for. A route's
   * entries stay valid until the route changes, as in HGS-CVRP.
   */
  private readonly cacheCost: (Float64Array | undefined)[] = [];
  private readonly cachePos: (Int32Array | undefined)[] = [];
  private readonly cacheVersion: (Int32Array | undefined)[] = [];
  private readonly useCache: boolean;
  private readonly scratchCost: Float64Array;
  private readonly scratchPos: Int32Array;

  constructor(
    private readonly numLocations: number,
    numRoutes: number,
  ) {
    this.removal = new Float64Array(numLocations);
    this.scratchCost = new Float64Array(numLocations * 3);
    this.scratchPos = new Int32Array(numLocations * 3);
    // Memory guard: the cache holds 3 entries per (client, route) for routes in use.
    this.useCache = numLocations * Math.min(numRoutes, numLocations) <= 4e6;
  }

  private tables(into: Route): { cost: Float64Array; pos: Int32Array; version: Int32Array } | null {
    if (!this.useCache) return null;
    const i = into.idx;
    let cost = this.cacheCost[i];
    if (!cost) {
      cost = this.cacheCost[i] = new Float64Array(this.numLocations * 3);
      this.cachePos[i] = new Int32Array(this.numLocations * 3);
      this.cacheVersion[i] = new Int32Array(this.numLocations).fill(-1);
    }
    return { cost, pos: this.cachePos[i]!, version: this.cacheVersion[i]! };
  }

  /** Removal gains of `from`'s clients and their top-3 insertions into `into`. */
  private prepare(ls: LocalSearch, from: Route, into: Route): { cost: Float64Array; pos: Int32Array } {
    const inst = ls.inst;
    const n = inst.numLocations;
    const df = inst.dist[from.type];
    const di = inst.dist[into.type];
    const K = inst.numTypes;
    const t = this.tables(into);
    const costs = t ? t.cost : this.scratchCost;
    const poss = t ? t.pos : this.scratchPos;
    for (let p = 1; p <= from.size; p++) {
      const u = from.nodes[p];
      const prev = from.nodes[p - 1];
      const next = from.nodes[p + 1];
      this.removal[u] = df[prev * n + u] + df[u * n + next] - df[prev * n + next];
      if (t && t.version[u] === into.version) continue;
      if (t) t.version[u] = into.version;
      let c0 = Number.POSITIVE_INFINITY;
      let c1 = c0;
      let c2 = c0;
      let q0 = -1;
      let q1 = -1;
      let q2 = -1;
      if (inst.canServe[u * K + into.type]) {
        for (let q = 0; q <= into.size; q++) {
          const a = into.nodes[q];
          const b = into.nodes[q + 1];
          const c = di[a * n + u] + di[u * n + b] - di[a * n + b];
          if (c < c2) {
            if (c < c1) {
              c2 = c1;
              q2 = q1;
              if (c < c0) {
                c1 = c0;
                q1 = q0;
                c0 = c;
                q0 = q;
              } else {
                c1 = c;
                q1 = q;
              }
            } else {
              c2 = c;
              q2 = q;
            }
          }
        }
      }
      costs[u * 3] = c0;
      costs[u * 3 + 1] = c1;
      costs[u * 3 + 2] = c2;
      poss[u * 3] = q0;
      poss[u * 3 + 1] = q1;
      poss[u * 3 + 2] = q2;
    }
    return { cost: costs, pos: poss };
  }

  /**
   * Cheapest insertion of u into `into` once the client at position vPos is removed: returns
   * the cost and writes the position (after which; -1 = in v's place) into bestPos.
   */
  private insertWithout(
    ls: LocalSearch,
    top: { cost: Float64Array; pos: Int32Array },
    u: number,
    into: Route,
    vPos: number,
  ): number {
    const n = ls.inst.numLocations;
    const di = ls.inst.dist[into.type];
    const prev = into.nodes[vPos - 1];
    const next = into.nodes[vPos + 1];
    let best = di[prev * n + u] + di[u * n + next] - di[prev * n + next];
    this.bestPos = -1;
    for (let i = 0; i < 3; i++) {
      const q = top.pos[u * 3 + i];
      if (q < 0) break;
      if (q === vPos - 1 || q === vPos) continue;
      const c = top.cost[u * 3 + i];
      if (c < best) {
        best = c;
        this.bestPos = q;
      }
      break; // entries are sorted: the first admissible one is the best
    }
    return best;
  }
  private bestPos = -1;

  evaluate(ls: LocalSearch, r1: Route, r2: Route): number {
    if (r1.size === 0 || r2.size === 0) return Number.POSITIVE_INFINITY;
    const inst = ls.inst;
    const K = inst.numTypes;
    const D = inst.numDims;
    const ce = ls.ce;
    const into2 = this.prepare(ls, r1, r2);
    const into1 = this.prepare(ls, r2, r1);
    const ud1 = inst.unitDistanceCost[r1.type];
    const ud2 = inst.unitDistanceCost[r2.type];
    const cap = inst.capacity;
    const k1 = r1.type;
    const k2 = r2.type;
    let pen1 = 0;
    let pen2 = 0;
    for (let d = 0; d < D; d++) {
      pen1 += ce.loadPenalty[d] * Math.max(0, r1.load[d] - cap[k1 * D + d]);
      pen2 += ce.loadPenalty[d] * Math.max(0, r2.load[d] - cap[k2 * D + d]);
    }
    let best = -1e-9;
    let bu = -1;
    let bv = -1;
    let bq1 = -1;
    let bq2 = -1;
    const demand = inst.demand;
    for (let p1 = 1; p1 <= r1.size; p1++) {
      const u = r1.nodes[p1];
      if (!inst.canServe[u * K + k2]) continue;
      for (let p2 = 1; p2 <= r2.size; p2++) {
        const v = r2.nodes[p2];
        if (!inst.canServe[v * K + k1]) continue;
        let dPen = -pen1 - pen2;
        for (let d = 0; d < D; d++) {
          const du = demand[u * D + d];
          const dv = demand[v * D + d];
          dPen +=
            ce.loadPenalty[d] *
            (Math.max(0, r1.load[d] - du + dv - cap[k1 * D + d]) + Math.max(0, r2.load[d] - dv + du - cap[k2 * D + d]));
        }
        let est = dPen - ud1 * this.removal[u] - ud2 * this.removal[v];
        if (est >= best) continue;
        const insU = this.insertWithout(ls, into2, u, r2, p2);
        const q2 = this.bestPos;
        est += ud2 * insU;
        if (est >= best) continue;
        const insV = this.insertWithout(ls, into1, v, r1, p1);
        const q1 = this.bestPos;
        est += ud1 * insV;
        if (est < best) {
          best = est;
          bu = p1;
          bv = p2;
          bq1 = q1;
          bq2 = q2;
        }
      }
    }
    if (bu < 0) return Number.POSITIVE_INFINITY;
    const c1 = this.build(ls, ls.propA, r1, bu, r2.nodes[bv], bq1).finish(ce);
    const c2 = this.build(ls, ls.propB, r2, bv, r1.nodes[bu], bq2).finish(ce);
    ls.moveRoutes(r1, r2);
    return c1 + c2 - r1.cost - r2.cost;
  }

  /** Route r without the client at pos, with client x inserted after position q (-1: in its place). */
  private build(ls: LocalSearch, prop: typeof ls.propA, r: Route, pos: number, x: number, q: number) {
    if (q < 0)
      return prop
        .startWith(r, pos - 1)
        .addNode(x)
        .addSuffix(r, pos + 1);
    if (q < pos)
      return prop
        .startWith(r, q)
        .addNode(x)
        .addRange(r, q + 1, pos - 1)
        .addSuffix(r, pos + 1);
    return prop
      .startWith(r, pos - 1)
      .addRange(r, pos + 1, q)
      .addNode(x)
      .addSuffix(r, q + 1);
  }
}
