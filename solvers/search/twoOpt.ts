/**
 * 2-opt inside one route: for U and V of the same route, the path between them is reversed
 * (arcs (U, n(U)) and (V, n(V)) become (U, V) and (n(U), n(V))). The distance change is O(1)
 * from forward and reversed cumulative distances (asymmetric matrices included); time and
 * load-distance figures of the reversed path are merged node by node, only for candidates
 * that survive the static bound.
 */
import type { LocalSearch } from './localSearch.ts';
import { distanceBound, type NodeOperator, staticCost } from './operator.ts';
import type { Route } from './route.ts';

export class TwoOpt implements NodeOperator {
  readonly name = 'twoOpt';

  evaluate(ls: LocalSearch, U: number, r: Route, vPos: number): number {
    if (ls.routeOf[U] !== r.idx) return Number.POSITIVE_INFINITY;
    const pU = ls.posOf[U];
    const a = Math.min(pU, vPos);
    const b = Math.max(pU, vPos);
    if (b - a < 2) return Number.POSITIVE_INFINITY;
    const n = ls.inst.numLocations;
    const dm = ls.inst.dist[r.type];
    const nodes = r.nodes;
    const na = nodes[a];
    const na1 = nodes[a + 1];
    const nb = nodes[b];
    const nb1 = nodes[b + 1];
    let reversed = r.cumDistRev[b] - r.cumDistRev[a + 1];
    if (r.cumDistRev[b] >= 1e11) {
      // A forbidden reverse arc somewhere: differences of huge sums lose precision, sum directly.
      reversed = 0;
      for (let q = a + 2; q <= b; q++) reversed += dm[nodes[q] * n + nodes[q - 1]];
    }
    const delta =
      dm[na * n + nb] +
      dm[na1 * n + nb1] -
      dm[na * n + na1] -
      dm[nb * n + nb1] +
      reversed -
      (r.cumDist[b] - r.cumDist[a + 1]);
    if (distanceBound(ls, r.type, r.size, r.dist + delta) >= r.cost) return Number.POSITIVE_INFINITY;
    ls.loadScratch.set(r.load);
    const staticDelta = staticCost(ls, r.type, r.size, r.dist + delta) - r.cost;
    if (staticDelta >= 0) return Number.POSITIVE_INFINITY;
    const cost = ls.propA
      .startWith(r, a)
      .addReversed(r, a + 1, b)
      .addSuffix(r, b + 1)
      .finish(ls.ce);
    ls.moveRoutes(r, null);
    return ls.staticExact ? staticDelta : cost - r.cost;
  }
}
