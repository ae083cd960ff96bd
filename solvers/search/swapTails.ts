/**
 * SwapTails (2-opt*): for U in one route and V in another, the routes exchange what follows U
 * and V: U's route becomes (..., U, n(V), ...) and V's route (..., V, n(U), ...). V may be the
 * start depot of a route, which moves U's whole tail there (to an empty vehicle, too).
 */
import type { LocalSearch } from './localSearch.ts';
import { distanceBound, loadAfter, type NodeOperator, staticCost } from './operator.ts';
import type { Route } from './route.ts';

export class SwapTails implements NodeOperator {
  readonly name = 'swapTails';

  evaluate(ls: LocalSearch, U: number, rV: Route, vPos: number): number {
    const rU = ls.routes[ls.routeOf[U]];
    if (rU === rV) return Number.POSITIVE_INFINITY;
    const pU = ls.posOf[U];
    const inst = ls.inst;
    const kU = rU.type;
    const kV = rV.type;
    if (pU === rU.size && vPos === rV.size) return Number.POSITIVE_INFINITY; // both tails empty
    if (!inst.fullCompat) {
      const K = inst.numTypes;
      for (let p = pU + 1; p <= rU.size; p++)
        if (inst.canServe[rU.nodes[p] * K + kV] === 0) return Number.POSITIVE_INFINITY;
      for (let p = vPos + 1; p <= rV.size; p++)
        if (inst.canServe[rV.nodes[p] * K + kU] === 0) return Number.POSITIVE_INFINITY;
    }
    const current = rU.cost + rV.cost;
    let staticDelta = Number.NaN;
    if (inst.profile[kU] === inst.profile[kV]) {
      const n = inst.numLocations;
      const dm = inst.dist[kU];
      const uNext = rU.nodes[pU + 1];
      const vNext = rV.nodes[vPos + 1];
      const eU = rU.nodes[rU.size + 1];
      const eV = rV.nodes[rV.size + 1];
      // Tails without their end depot, then closed at the other route's end depot.
      const tailU = pU < rU.size ? rU.cumDist[rU.size] - rU.cumDist[pU + 1] : 0;
      const lastU = rU.nodes[rU.size];
      const tailV = vPos < rV.size ? rV.cumDist[rV.size] - rV.cumDist[vPos + 1] : 0;
      const lastV = rV.nodes[rV.size];
      const newDistU =
        rU.cumDist[pU] + (vPos < rV.size ? dm[U * n + vNext] + tailV + dm[lastV * n + eU] : dm[U * n + eU]);
      const V = rV.nodes[vPos];
      const newDistV =
        rV.cumDist[vPos] + (pU < rU.size ? dm[V * n + uNext] + tailU + dm[lastU * n + eV] : dm[V * n + eV]);
      const sizeU = pU + rV.size - vPos;
      const sizeV = vPos + rU.size - pU;
      if (distanceBound(ls, kU, sizeU, newDistU) + distanceBound(ls, kV, sizeV, newDistV) >= current) {
        return Number.POSITIVE_INFINITY;
      }
      loadAfter(ls, rU, pU + 1, rU.size, rV, vPos + 1, rV.size);
      const sU = staticCost(ls, kU, sizeU, newDistU);
      loadAfter(ls, rV, vPos + 1, rV.size, rU, pU + 1, rU.size);
      const sV = staticCost(ls, kV, sizeV, newDistV);
      staticDelta = sU + sV - current;
      if (staticDelta >= 0) return Number.POSITIVE_INFINITY;
    }
    const ce = ls.ce;
    const costU = ls.propA
      .startWith(rU, pU)
      .addSuffix(rV, vPos + 1)
      .finish(ce);
    const costV = ls.propB
      .startWith(rV, vPos)
      .addSuffix(rU, pU + 1)
      .finish(ce);
    ls.moveRoutes(rU, rV);
    return ls.staticExact && !Number.isNaN(staticDelta) ? staticDelta : costU + costV - current;
  }
}
