/**
 * Granular local search (Vidal 2013/2022; PyVRP's LocalSearch): for every client U and each of
 * its nearest neighbours V, node operators (Exchange family, SwapTails) are tried and the first
 * improving move is applied; then SWAP* runs over pairs of routes that share neighbours. Moves
 * are priced with the penalised CostEvaluator, so the search may cross infeasible space.
 *
 * Clients may be outside the solution (unserved): each pass tries to insert them where it pays
 * more than their penalty, and removes optional clients that cost more than their prize.
 *
 * Routes holding a multi-window client are priced on the window hull by the operators; their
 * real lateness (exact.ts forwardTimeWarp) is priced when a route is updated and before a move
 * is applied, so a route with zero time warp is always exactly time-feasible and the search
 * can still cross infeasible space through gaps between windows.
 */
import type { CostEvaluator } from '../costEvaluator.ts';
import { forwardTimeWarp, routeTimes } from '../exact.ts';
import type { Instance } from '../instance.ts';
import type { Rng } from '../rng.ts';
import { Proposal } from '../segments.ts';
import { Exchange } from './exchange.ts';
import type { NodeOperator } from './operator.ts';
import { Route } from './route.ts';
import { SwapStar } from './swapStar.ts';
import { SwapTails } from './swapTails.ts';
import { TwoOpt } from './twoOpt.ts';

export interface RouteSpec {
  readonly type: number;
  readonly visits: Int32Array;
}

export class LocalSearch {
  readonly routes: Route[] = [];
  /** Route slots of each vehicle type. */
  readonly slotsOfType: Route[][] = [];
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  ce!: CostEvaluator;
  readonly propA: Proposal;
  readonly propB: Proposal;
  private moveA: Route | null = null;
  private moveB: Route | null = null;
  readonly nodeOps: NodeOperator[];
  private readonly swapStar: SwapStar;
  private readonly order: Int32Array;
  private readonly lastModified: Int32Array;
  private readonly lastTestedNode: Int32Array;
  private readonly lastTestedRoute: Int32Array;
  private readonly routeMark: Int32Array;
  private markStamp = 0;
  private numMoves = 0;
  private readonly bufA: Int32Array;
  private readonly bufB: Int32Array;
  private readonly emptyHint: Int32Array;
  private readonly eps: number;
  /** Load scratch for operators (numDims values). */
  readonly loadScratch: Float64Array;
  /** True when operators' static cost is the exact cost (no time, no load-distance term). */
  readonly staticExact: boolean;
  /** Polled every few clients; returning true aborts the search (the solution stays valid). */
  stop: () => boolean = () => false;
  aborted = false;

  constructor(
    readonly inst: Instance,
    /** neighbours[c * nb .. c * nb + nb): granular neighbours of client c (-1 padded). */
    readonly neighbours: Int32Array,
    readonly nb: number,
    private readonly rng: Rng,
  ) {
    const n = inst.numLocations;
    this.routeOf = new Int32Array(n).fill(-1);
    this.posOf = new Int32Array(n);
    for (let k = 0; k < inst.numTypes; k++) {
      const slots: Route[] = [];
      for (let i = 0; i < inst.count[k]; i++) {
        const r = new Route(inst, this.routes.length, k);
        this.routes.push(r);
        slots.push(r);
      }
      this.slotsOfType.push(slots);
    }
    this.emptyHint = new Int32Array(inst.numTypes);
    this.propA = new Proposal(inst);
    this.propB = new Proposal(inst);
    // Relocate, Or-opt chains, swaps, 2-opt*, 2-opt. Chains of three (and the 3-for-1 swap)
    // win a few moves with time windows, almost none without: they are left out when time
    // is free.
    this.nodeOps = [
      new Exchange(1, 0),
      new Exchange(2, 0),
      ...(inst.timeFree ? [] : [new Exchange(3, 0)]),
      new Exchange(1, 1),
      new Exchange(2, 1),
      new Exchange(2, 2),
      ...(inst.timeFree ? [] : [new Exchange(3, 1)]),
      new SwapTails(),
      new TwoOpt(),
    ];
    this.swapStar = new SwapStar(n, this.routes.length);
    const clients: number[] = [];
    for (let c = inst.numDepots; c < n; c++) if (inst.servable[c]) clients.push(c);
    this.order = Int32Array.from(clients);
    this.lastModified = new Int32Array(this.routes.length);
    this.lastTestedNode = new Int32Array(n);
    this.lastTestedRoute = new Int32Array(this.routes.length);
    this.routeMark = new Int32Array(this.routes.length);
    this.bufA = new Int32Array(inst.numClients + 2);
    this.bufB = new Int32Array(inst.numClients + 2);
    this.loadScratch = new Float64Array(inst.numDims);
    let w = false;
    for (let k = 0; k < inst.numTypes; k++) if (inst.unitLoadDistanceCost[k] !== 0) w = true;
    this.staticExact = inst.timeFree && !w;
    this.eps = 1e-9 * Math.max(1, inst.maxArc) * (inst.numClients + 1);
  }

  /** Loads routes (types must not exceed their counts; extra routes are left out). */
  load(routes: readonly RouteSpec[], ce: CostEvaluator): void {
    this.ce = ce;
    this.routeOf.fill(-1);
    const used = new Int32Array(this.inst.numTypes);
    for (const r of this.routes) r.size = -1; // mark as not loaded
    for (const spec of routes) {
      if (spec.visits.length === 0) continue;
      const slots = this.slotsOfType[spec.type];
      if (used[spec.type] >= slots.length) continue;
      const route = slots[used[spec.type]++];
      // Keep only clients not already placed and allowed on this type.
      let len = 0;
      for (let i = 0; i < spec.visits.length; i++) {
        const c = spec.visits[i];
        if (!(c >= this.inst.numDepots && c < this.inst.numLocations)) continue; // not a client
        if (this.routeOf[c] !== -1 || !this.inst.canServe[c * this.inst.numTypes + spec.type]) continue;
        this.routeOf[c] = route.idx;
        this.bufA[len++] = c;
      }
      route.setVisits(this.bufA, len);
    }
    for (const r of this.routes) {
      if (r.size === -1) r.setVisits(this.bufA, 0);
      r.update(ce);
      this.reindex(r);
    }
    this.emptyHint.fill(0);
  }

  /** Re-prices every route under a new evaluator (caches stay valid). */
  setEvaluator(ce: CostEvaluator): void {
    this.ce = ce;
    for (const r of this.routes) r.recost(ce);
  }

  private reindex(r: Route): void {
    for (let p = 1; p <= r.size; p++) {
      const c = r.nodes[p];
      this.routeOf[c] = r.idx;
      this.posOf[c] = p;
    }
  }

  /** Routes the last evaluated move would change (b null for one-route moves). */
  moveRoutes(a: Route, b: Route | null): void {
    this.moveA = a;
    this.moveB = b;
  }

  /** The routes the last evaluated move would change (for tests and diagnostics). */
  pendingMove(): { a: Route | null; b: Route | null } {
    return { a: this.moveA, b: this.moveB };
  }

  /** SWAP* on one pair of routes (exposed for tests). */
  evaluateSwapStar(r1: Route, r2: Route): number {
    return this.swapStar.evaluate(this, r1, r2);
  }

  /**
   * Applies the last evaluated proposals. With several windows per stop the proposals were
   * priced on the window hull; their real lateness is priced here, and a move that no longer
   * improves once it is counted is refused.
   */
  private applyMove(penaltyDelta = 0): boolean {
    const a = this.moveA!;
    const b = this.moveB;
    const lenA = this.propA.materialize(this.bufA);
    const lenB = b ? this.propB.materialize(this.bufB) : 0;
    if (this.inst.anyMultiWindow && !this.inst.timeFree) {
      const costA = this.realCost(this.propA, a.type, this.bufA, lenA);
      const costB = b ? this.realCost(this.propB, b.type, this.bufB, lenB) : 0;
      if (costA + costB - a.cost - (b ? b.cost : 0) + penaltyDelta >= -this.eps) return false;
    }
    a.setVisits(this.bufA, lenA);
    a.update(this.ce);
    if (b) {
      b.setVisits(this.bufB, lenB);
      b.update(this.ce);
    }
    // Clients that left both routes (removals) stay unrouted; the others are reindexed.
    this.reindex(a);
    if (b) this.reindex(b);
    this.numMoves++;
    this.lastModified[a.idx] = this.numMoves;
    if (b) this.lastModified[b.idx] = this.numMoves;
    return true;
  }

  private realCost(prop: Proposal, type: number, visits: Int32Array, len: number): number {
    let multi = false;
    for (let i = 0; i < len && !multi; i++) if (this.inst.multiWindow[visits[i]]) multi = true;
    if (!multi) return prop.cost;
    return prop.costWithTimeWarp(this.ce, forwardTimeWarp(this.inst.data, type, visits, len));
  }

  /** Runs the search to a local optimum (or until stop() says so). */
  run(): void {
    this.aborted = false;
    this.rng.shuffle(this.order);
    this.lastTestedNode.fill(-1);
    this.lastTestedRoute.fill(-1);
    // SWAP* pays on capacity-bound problems and rarely with tight windows: it runs on a share
    // of the searches that follows its recent success rate (at least one in ten).
    const rate = (this.swapStarWins + 1) / (this.swapStarEvals + 100);
    const intensify = this.rng.float() < Math.min(1, Math.max(0.1, rate / 0.01));
    for (;;) {
      this.search();
      if (this.aborted || !intensify) return;
      const before = this.numMoves;
      this.intensify();
      if (this.aborted || this.numMoves === before) return;
    }
  }

  /** Recent SWAP* evaluations and improving moves (decayed). */
  private swapStarEvals = 0;
  private swapStarWins = 0;

  private search(): void {
    const nb = this.nb;
    const neighbours = this.neighbours;
    for (let step = 0; ; step++) {
      const movesAtStart = this.numMoves;
      for (let i = 0; i < this.order.length; i++) {
        if ((i & 31) === 0 && this.stop()) {
          this.aborted = true;
          return;
        }
        const U = this.order[i];
        const lastTested = this.lastTestedNode[U];
        this.lastTestedNode[U] = this.numMoves;
        this.optionalMoves(U);
        if (this.routeOf[U] < 0) continue;
        for (let j = 0; j < nb; j++) {
          const V = neighbours[U * nb + j];
          if (V < 0) break;
          const rvIdx = this.routeOf[V];
          if (rvIdx < 0) continue;
          const ruIdx = this.routeOf[U];
          if (this.lastModified[ruIdx] <= lastTested && this.lastModified[rvIdx] <= lastTested) continue;
          const rV = this.routes[rvIdx];
          if (this.applyNodeOps(U, rV, this.posOf[V])) continue;
          if (this.posOf[V] === 1) this.applyNodeOps(U, rV, 0);
        }
        if (step > 0) this.emptyRouteMoves(U);
      }
      if (this.numMoves === movesAtStart) return;
    }
  }

  private applyNodeOps(U: number, rV: Route, vPos: number): boolean {
    const ops = this.nodeOps;
    for (let o = 0; o < ops.length; o++) {
      if (ops[o].evaluate(this, U, rV, vPos) < -this.eps && this.applyMove()) return true;
    }
    return false;
  }

  /** An empty route of type k, or null when all its vehicles are in use. */
  emptyRoute(k: number): Route | null {
    const slots = this.slotsOfType[k];
    const hint = this.emptyHint[k];
    if (hint < slots.length && slots[hint].size === 0) return slots[hint];
    for (let i = 0; i < slots.length; i++) {
      if (slots[i].size === 0) {
        this.emptyHint[k] = i;
        return slots[i];
      }
    }
    return null;
  }

  private emptyRouteMoves(U: number): void {
    const inst = this.inst;
    const K = inst.numTypes;
    for (let k = 0; k < K; k++) {
      if (!inst.canServe[U * K + k]) continue;
      const r = this.emptyRoute(k);
      if (r && this.applyNodeOps(U, r, 0)) return;
    }
  }

  /** Inserts U when unserved and worth it; removes an optional U that costs more than its prize. */
  private optionalMoves(U: number): void {
    const inst = this.inst;
    const ce = this.ce;
    const ri = this.routeOf[U];
    if (ri >= 0) {
      if (inst.required[U]) return;
      const r = this.routes[ri];
      const p = this.posOf[U];
      const cost = this.propA
        .startWith(r, p - 1)
        .addSuffix(r, p + 1)
        .finish(ce);
      if (cost - r.cost + inst.penalty[U] < -this.eps) {
        this.moveRoutes(r, null);
        if (this.applyMove(inst.penalty[U])) this.routeOf[U] = -1;
      }
      return;
    }
    this.insertUnrouted(U);
  }

  /**
   * Makes every route feasible by dropping clients: from each route with any excess, the client
   * whose removal gains most under the current evaluator, net of its unserved penalty, leaves
   * until the route has no excess (and, with several windows, an exact schedule). Used when
   * the fleet cannot serve everyone: the penalised search keeps inserting required clients
   * (their penalty dwarfs any violation), and this turns its plans into feasible ones with
   * clients left out.
   */
  ejectToFeasibility(): void {
    const inst = this.inst;
    for (const r of this.routes) {
      while (r.size > 0 && !this.routeFeasible(r)) {
        let bestPos = -1;
        let bestGain = Number.NEGATIVE_INFINITY;
        for (let p = 1; p <= r.size; p++) {
          const cost = this.propA
            .startWith(r, p - 1)
            .addSuffix(r, p + 1)
            .finish(this.ce);
          const gain = r.cost - cost - inst.penalty[r.nodes[p]];
          if (gain > bestGain) {
            bestGain = gain;
            bestPos = p;
          }
        }
        const c = r.nodes[bestPos];
        this.propA
          .startWith(r, bestPos - 1)
          .addSuffix(r, bestPos + 1)
          .finish(this.ce);
        this.moveRoutes(r, null);
        this.applyMoveUnchecked();
        this.routeOf[c] = -1;
      }
    }
  }

  private routeFeasible(r: Route): boolean {
    if (r.excessLoad > 0 || r.excessOther > 0) return false;
    if (!r.hasMulti) return true;
    const len = r.size;
    for (let i = 0; i < len; i++) this.bufA[i] = r.nodes[i + 1];
    return !Number.isNaN(routeTimes(this.inst.data, r.type, this.bufA, len).departure);
  }

  /** Applies the pending one-route move without the exact time check (removals only). */
  private applyMoveUnchecked(): void {
    const a = this.moveA!;
    const lenA = this.propA.materialize(this.bufA);
    a.setVisits(this.bufA, lenA);
    a.update(this.ce);
    this.reindex(a);
    this.numMoves++;
    this.lastModified[a.idx] = this.numMoves;
  }

  /** Best insertion of an unrouted client next to its neighbours or in an empty route. */
  insertUnrouted(U: number): boolean {
    const inst = this.inst;
    const K = inst.numTypes;
    const nb = this.nb;
    let best = Number.POSITIVE_INFINITY;
    let bestRoute: Route | null = null;
    let bestPos = 0;
    const tryAt = (r: Route, q: number): void => {
      const delta =
        this.propA
          .startWith(r, q)
          .addNode(U)
          .addSuffix(r, q + 1)
          .finish(this.ce) - r.cost;
      if (delta < best) {
        best = delta;
        bestRoute = r;
        bestPos = q;
      }
    };
    let candidates = 0;
    for (let j = 0; j < nb; j++) {
      const V = this.neighbours[U * nb + j];
      if (V < 0) break;
      const ri = this.routeOf[V];
      if (ri < 0) continue;
      const r = this.routes[ri];
      if (!inst.canServe[U * K + r.type]) continue;
      candidates++;
      tryAt(r, this.posOf[V]);
      tryAt(r, this.posOf[V] - 1);
    }
    for (let k = 0; k < K; k++) {
      if (!inst.canServe[U * K + k]) continue;
      const r = this.emptyRoute(k);
      if (r) {
        candidates++;
        tryAt(r, 0);
      }
    }
    if (candidates === 0) {
      // No neighbour routed and no free vehicle: look everywhere (rare).
      for (const r of this.routes) {
        if (r.size === 0 || !inst.canServe[U * K + r.type]) continue;
        for (let q = 0; q <= r.size; q++) tryAt(r, q);
      }
    }
    if (bestRoute === null || !(best < inst.penalty[U] - this.eps)) return false;
    const r: Route = bestRoute;
    this.propA
      .startWith(r, bestPos)
      .addNode(U)
      .addSuffix(r, bestPos + 1)
      .finish(this.ce);
    this.moveRoutes(r, null);
    return this.applyMove(-inst.penalty[U]);
  }

  /** How many of each client's nearest neighbours make two routes candidates for SWAP*. */
  swapStarNeighbours = 3;

  /** SWAP* over pairs of routes whose clients are among each other's nearest neighbours. */
  private intensify(): void {
    if (this.swapStarEvals > 20000) {
      this.swapStarEvals /= 2;
      this.swapStarWins /= 2;
    }
    const nb = this.nb;
    const look = Math.min(nb, this.swapStarNeighbours);
    for (let ri = 0; ri < this.routes.length; ri++) {
      if (this.stop()) {
        this.aborted = true;
        return;
      }
      const r1 = this.routes[ri];
      if (r1.size === 0) continue;
      const lastTested = this.lastTestedRoute[ri];
      this.lastTestedRoute[ri] = this.numMoves;
      const stamp = ++this.markStamp;
      for (let p = 1; p <= r1.size; p++) {
        const u = r1.nodes[p];
        for (let j = 0; j < look; j++) {
          const v = this.neighbours[u * nb + j];
          if (v < 0) break;
          const rv = this.routeOf[v];
          if (rv < 0 || rv === ri || this.routeMark[rv] === stamp) continue;
          this.routeMark[rv] = stamp;
          const r2 = this.routes[rv];
          if (Math.max(this.lastModified[ri], this.lastModified[rv]) <= lastTested) continue;
          this.swapStarEvals++;
          if (this.swapStar.evaluate(this, r1, r2) < -this.eps && this.applyMove()) {
            this.swapStarWins++;
            // r1 changed: its client list is stale; revisit it in the next round.
            break;
          }
        }
        if (r1.size === 0 || this.lastModified[ri] > this.lastTestedRoute[ri]) break;
      }
    }
  }

  /** Penalised cost of the loaded solution (routes only). */
  routesCost(): number {
    let c = 0;
    for (const r of this.routes) c += r.cost;
    return c;
  }
}
