/**
 * Selective route exchange crossover (SREX, Nagata & Kobayashi 2010; PyVRP's srex), made
 * independent of coordinates: a group of neighbouring routes of parent A (grown from a random
 * route along granular-neighbour links) is replaced by the routes of parent B that overlap it
 * most. Two offspring are formed as in PyVRP:
 *   1. B's routes, plus A's other routes with B's extra clients removed;
 *   2. B's routes restricted to the clients A's group held, plus A's other routes.
 * Clients left out are reinserted by the local search that educates the offspring.
 */
import type { Instance } from '../instance.ts';
import type { Rng } from '../rng.ts';
import type { RouteSpec } from '../search/localSearch.ts';
import type { Individual } from './individual.ts';

export class Srex {
  private readonly inA: Uint8Array;
  private readonly inB: Uint8Array;

  constructor(
    private readonly inst: Instance,
    private readonly neighbours: Int32Array,
    private readonly nb: number,
  ) {
    this.inA = new Uint8Array(inst.numLocations);
    this.inB = new Uint8Array(inst.numLocations);
  }

  /** Returns the two offspring (route lists, possibly missing clients). */
  cross(a: Individual, b: Individual, rng: Rng): [RouteSpec[], RouteSpec[]] {
    const nA = a.routes.length;
    const nB = b.routes.length;
    if (nA === 0 || nB === 0) return [cloneRoutes(nA === 0 ? b.routes : a.routes), cloneRoutes(a.routes)];
    const moved = 1 + rng.int(Math.max(1, Math.min(nA, nB) >> 1 || 1));
    const selA = this.groupOfRoutes(a, moved, rng);
    this.inA.fill(0);
    for (const r of selA) for (const c of a.routes[r].visits) this.inA[c] = 1;
    const selB = this.overlapping(b, moved, rng);
    this.inB.fill(0);
    for (const r of selB) for (const c of b.routes[r].visits) this.inB[c] = 1;
    const inA = this.inA;
    const inB = this.inB;

    const child1: RouteSpec[] = [];
    const child2: RouteSpec[] = [];
    for (const r of selB) {
      const v = b.routes[r].visits;
      child1.push({ type: b.routes[r].type, visits: v.slice() });
      child2.push({ type: b.routes[r].type, visits: v.filter((c) => inA[c] === 1) });
    }
    const selASet = new Set(selA);
    for (let r = 0; r < nA; r++) {
      if (selASet.has(r)) continue;
      const v = a.routes[r].visits;
      child1.push({ type: a.routes[r].type, visits: v.filter((c) => !(inB[c] === 1 && inA[c] === 0)) });
      child2.push({ type: a.routes[r].type, visits: v.slice() });
    }
    return [this.fitFleet(child1), this.fitFleet(child2)];
  }

  /** A group of `count` routes of x grown from a random route along neighbour links. */
  private groupOfRoutes(x: Individual, count: number, rng: Rng): number[] {
    const n = x.routes.length;
    const routeOf = new Int32Array(this.inst.numLocations).fill(-1);
    x.routes.forEach((r, i) => {
      for (const c of r.visits) routeOf[c] = i;
    });
    const chosen = new Uint8Array(n);
    const score = new Float64Array(n);
    const out: number[] = [];
    let next = rng.int(n);
    const look = Math.min(this.nb, 5);
    while (out.length < count) {
      chosen[next] = 1;
      out.push(next);
      for (const c of x.routes[next].visits) {
        for (let j = 0; j < look; j++) {
          const v = this.neighbours[c * this.nb + j];
          if (v < 0) break;
          const r = routeOf[v];
          if (r >= 0 && !chosen[r]) score[r] += 1;
        }
      }
      let best = -1;
      let bestScore = -1;
      const offset = rng.int(n);
      for (let t = 0; t < n; t++) {
        const r = (t + offset) % n;
        if (!chosen[r] && score[r] > bestScore) {
          best = r;
          bestScore = score[r];
        }
      }
      if (best < 0) break;
      next = best;
    }
    return out;
  }

  /** The `count` routes of y holding most clients of inA (ties broken at random). */
  private overlapping(y: Individual, count: number, rng: Rng): number[] {
    const offset = rng.int(y.routes.length);
    const scored = y.routes.map((r, i) => {
      let s = 0;
      for (const c of r.visits) s += this.inA[c];
      return { i, s: s / Math.sqrt(r.visits.length), tie: (i + offset) % y.routes.length };
    });
    scored.sort((p, q) => q.s - p.s || p.tie - q.tie);
    return scored.slice(0, count).map((x) => x.i);
  }

  /** Keeps vehicle counts: a route whose type is full moves to a free compatible type, else is dropped. */
  private fitFleet(routes: RouteSpec[]): RouteSpec[] {
    const inst = this.inst;
    const K = inst.numTypes;
    const used = new Int32Array(K);
    const out: RouteSpec[] = [];
    for (const r of routes) {
      if (r.visits.length === 0) continue;
      if (used[r.type] < inst.count[r.type]) {
        used[r.type]++;
        out.push(r);
        continue;
      }
      for (let k = 0; k < K; k++) {
        if (used[k] >= inst.count[k]) continue;
        let ok = true;
        for (const c of r.visits) if (!inst.canServe[c * K + k]) ok = false;
        if (ok) {
          used[k]++;
          out.push({ type: k, visits: r.visits });
          break;
        }
      }
    }
    return out;
  }
}

function cloneRoutes(routes: readonly RouteSpec[]): RouteSpec[] {
  return routes.map((r) => ({ type: r.type, visits: r.visits.slice() }));
}
