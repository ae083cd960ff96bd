/**
 * Exchange(N, M) (PyVRP's Exchange<N, M>): swaps the N consecutive clients starting at U with
 * the M consecutive clients starting at V; with M = 0 it moves U's N clients after V. This one
 * operator covers relocate (1,0), Or-opt chains (2,0), (3,0), swap (1,1) and the unequal swaps
 * (2,1), (2,2), (3,1)... inside one route or between two.
 *
 * A cheap distance-only lower bound (from arcs and cumulative distances) prunes most
 * candidates before any time or load segment is merged.
 */
import type { LocalSearch } from './localSearch.ts';
import { distanceBound, loadAfter, type NodeOperator, staticCost } from './operator.ts';
import type { Route } from './route.ts';

export class Exchange implements NodeOperator {
  readonly name: string;

  constructor(
    readonly N: number,
    readonly M: number,
  ) {
    this.name = `exchange${N}${M}`;
  }

  evaluate(ls: LocalSearch, U: number, rV: Route, vPos: number): number {
    const N = this.N;
    const M = this.M;
    const rU = ls.routes[ls.routeOf[U]];
    const pU = ls.posOf[U];
    if (pU + N - 1 > rU.size) return Number.POSITIVE_INFINITY;
    if (M > 0 && (vPos === 0 || vPos + M - 1 > rV.size)) return Number.POSITIVE_INFINITY;
    if (N === M && M > 0 && U >= rV.nodes[vPos]) return Number.POSITIVE_INFINITY; // symmetric: evaluated once
    return rU === rV ? this.intra(ls, rU, pU, vPos) : this.inter(ls, rU, pU, rV, vPos);
  }

  private inter(ls: LocalSearch, rU: Route, pU: number, rV: Route, vPos: number): number {
    const N = this.N;
    const M = this.M;
    const inst = ls.inst;
    const K = inst.numTypes;
    const kU = rU.type;
    const kV = rV.type;
    if (!inst.fullCompat) {
      const canServe = inst.canServe;
      for (let p = pU; p < pU + N; p++) if (canServe[rU.nodes[p] * K + kV] === 0) return Number.POSITIVE_INFINITY;
      for (let p = vPos; p < vPos + M; p++) if (canServe[rV.nodes[p] * K + kU] === 0) return Number.POSITIVE_INFINITY;
    }

    // Distance lower bound.
    const n = inst.numLocations;
    const dU = inst.dist[kU];
    const dV = inst.dist[kV];
    const uPrev = rU.nodes[pU - 1];
    const uFirst = rU.nodes[pU];
    const uLast = rU.nodes[pU + N - 1];
    const uNext = rU.nodes[pU + N];
    let newDistU: number;
    let newDistV: number;
    const segU = N === 1 ? 0 : segmentDistance(dV, n, rU, pU, pU + N - 1);
    if (M === 0) {
      const vNode = rV.nodes[vPos];
      const vNext = rV.nodes[vPos + 1];
      newDistU =
        rU.dist -
        dU[uPrev * n + uFirst] -
        (rU.cumDist[pU + N - 1] - rU.cumDist[pU]) -
        dU[uLast * n + uNext] +
        dU[uPrev * n + uNext];
      newDistV = rV.dist - dV[vNode * n + vNext] + dV[vNode * n + uFirst] + segU + dV[uLast * n + vNext];
    } else {
      const vPrev = rV.nodes[vPos - 1];
      const vFirst = rV.nodes[vPos];
      const vLast = rV.nodes[vPos + M - 1];
      const vNext = rV.nodes[vPos + M];
      const segV = M === 1 ? 0 : segmentDistance(dU, n, rV, vPos, vPos + M - 1);
      newDistU =
        rU.dist -
        dU[uPrev * n + uFirst] -
        (rU.cumDist[pU + N - 1] - rU.cumDist[pU]) -
        dU[uLast * n + uNext] +
        dU[uPrev * n + vFirst] +
        segV +
        dU[vLast * n + uNext];
      newDistV =
        rV.dist -
        dV[vPrev * n + vFirst] -
        (rV.cumDist[vPos + M - 1] - rV.cumDist[vPos]) -
        dV[vLast * n + vNext] +
        dV[vPrev * n + uFirst] +
        segU +
        dV[uLast * n + vNext];
    }
    const sizeU = rU.size - N + M;
    const sizeV = rV.size - M + N;
    const current = rU.cost + rV.cost;
    if (distanceBound(ls, kU, sizeU, newDistU) + distanceBound(ls, kV, sizeV, newDistV) >= current) {
      return Number.POSITIVE_INFINITY;
    }
    loadAfter(ls, rU, pU, pU + N - 1, rV, vPos, vPos + M - 1);
    const sU = staticCost(ls, kU, sizeU, newDistU);
    loadAfter(ls, rV, vPos, vPos + M - 1, rU, pU, pU + N - 1);
    const sV = staticCost(ls, kV, sizeV, newDistV);
    const staticDelta = sU + sV - current;
    if (staticDelta >= 0) return Number.POSITIVE_INFINITY;
    const ce = ls.ce;
    const a = ls.propA.startWith(rU, pU - 1);
    if (M > 0) a.addRange(rV, vPos, vPos + M - 1);
    const costU = a.addSuffix(rU, pU + N).finish(ce);
    const b = M === 0 ? ls.propB.startWith(rV, vPos) : ls.propB.startWith(rV, vPos - 1);
    b.addRange(rU, pU, pU + N - 1);
    const costV = b.addSuffix(rV, M === 0 ? vPos + 1 : vPos + M).finish(ce);
    ls.moveRoutes(rU, rV);
    return ls.staticExact ? staticDelta : costU + costV - current;
  }

  private intra(ls: LocalSearch, r: Route, pU: number, vPos: number): number {
    const N = this.N;
    const M = this.M;
    const n = ls.inst.numLocations;
    const dm = ls.inst.dist[r.type];
    const nodes = r.nodes;
    let delta: number;
    if (M === 0) {
      if (vPos >= pU - 1 && vPos <= pU + N - 1) return Number.POSITIVE_INFINITY;
      const uPrev = nodes[pU - 1];
      const uLast = nodes[pU + N - 1];
      const uNext = nodes[pU + N];
      const vNode = nodes[vPos];
      const vNext = nodes[vPos + 1];
      delta =
        dm[uPrev * n + uNext] +
        dm[vNode * n + nodes[pU]] +
        dm[uLast * n + vNext] -
        dm[uPrev * n + nodes[pU]] -
        dm[uLast * n + uNext] -
        dm[vNode * n + vNext];
    } else {
      if (!(vPos + M - 1 < pU || pU + N - 1 < vPos)) return Number.POSITIVE_INFINITY;
      const a = Math.min(pU, vPos);
      const na = a === pU ? N : M;
      const b = Math.max(pU, vPos);
      const nb = b === pU ? N : M;
      const aPrev = nodes[a - 1];
      const aFirst = nodes[a];
      const aLast = nodes[a + na - 1];
      const aNext = nodes[a + na];
      const bPrev = nodes[b - 1];
      const bFirst = nodes[b];
      const bLast = nodes[b + nb - 1];
      const bNext = nodes[b + nb];
      if (a + na === b) {
        delta =
          dm[aPrev * n + bFirst] +
          dm[bLast * n + aFirst] +
          dm[aLast * n + bNext] -
          dm[aPrev * n + aFirst] -
          dm[aLast * n + bFirst] -
          dm[bLast * n + bNext];
      } else {
        delta =
          dm[aPrev * n + bFirst] +
          dm[bLast * n + aNext] +
          dm[bPrev * n + aFirst] +
          dm[aLast * n + bNext] -
          dm[aPrev * n + aFirst] -
          dm[aLast * n + aNext] -
          dm[bPrev * n + bFirst] -
          dm[bLast * n + bNext];
      }
    }
    if (distanceBound(ls, r.type, r.size, r.dist + delta) >= r.cost) return Number.POSITIVE_INFINITY;
    ls.loadScratch.set(r.load);
    const staticDelta = staticCost(ls, r.type, r.size, r.dist + delta) - r.cost;
    if (staticDelta >= 0) return Number.POSITIVE_INFINITY;

    const p = ls.propA;
    if (M === 0) {
      if (pU < vPos) {
        p.startWith(r, pU - 1)
          .addRange(r, pU + N, vPos)
          .addRange(r, pU, pU + N - 1)
          .addSuffix(r, vPos + 1);
      } else {
        p.startWith(r, vPos)
          .addRange(r, pU, pU + N - 1)
          .addRange(r, vPos + 1, pU - 1)
          .addSuffix(r, pU + N);
      }
    } else {
      const a = Math.min(pU, vPos);
      const na = a === pU ? N : M;
      const b = Math.max(pU, vPos);
      const nb = b === pU ? N : M;
      p.startWith(r, a - 1)
        .addRange(r, b, b + nb - 1)
        .addRange(r, a + na, b - 1)
        .addRange(r, a, a + na - 1)
        .addSuffix(r, b + nb);
    }
    const cost = p.finish(ls.ce);
    ls.moveRoutes(r, null);
    return ls.staticExact ? staticDelta : cost - r.cost;
  }
}

/** Distance of route positions from..to (inclusive) under matrix dm (another profile allowed). */
function segmentDistance(dm: Float64Array, n: number, r: Route, from: number, to: number): number {
  let d = 0;
  for (let p = from; p < to; p++) d += dm[r.nodes[p] * n + r.nodes[p + 1]];
  return d;
}
