/**
 * Every local-search operator prices its move in O(1) from concatenated segments. Here each
 * priced move is rebuilt from scratch (its visit sequences re-evaluated position by position)
 * and the two costs must agree, on random problems with windows, several load dimensions,
 * load-distance costs, route limits and heterogeneous profiles.
 */
import { describe, expect, it } from 'vitest';
import { HgsState } from '../../solvers/hgs.ts';
import { Rng } from '../../solvers/rng.ts';
import { Route } from '../../solvers/search/route.ts';
import { randomProblem } from '../support/randomProblem.ts';

describe('operator deltas match a full re-evaluation', () => {
  it.each([
    ['with time windows and load-distance costs', { multiWindow: false }, false],
    ['without time (static pricing is exact)', { timeWindows: false, loadCost: false }, true],
  ])('holds for every node operator and SWAP* %s', (_, extra, staticExact) => {
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const problem = randomProblem({ seed, clients: 18, depots: 2, dims: 2, types: 3, ...extra });
      const state = new HgsState(problem, { timeLimitMs: 1e9, seed });
      const { ls, inst } = state;
      if (staticExact) expect(ls.staticExact).toBe(true);
      const rng = new Rng(seed);
      // A random (often infeasible) assignment so penalties are exercised too.
      const routes = Array.from({ length: inst.numTypes }, (_, k) => ({ type: k, visits: [] as number[] }));
      for (let c = inst.numDepots; c < inst.numLocations; c++) {
        const k = rng.int(inst.numTypes);
        if (inst.canServe[c * inst.numTypes + k]) routes[k].visits.push(c);
      }
      ls.load(
        routes.map((r) => ({ type: r.type, visits: Int32Array.from(r.visits) })),
        state.pm.ce,
      );
      const buf = new Int32Array(inst.numClients + 2);
      const rebuilt = (prop: typeof ls.propA, type: number): number => {
        const r = new Route(inst, -1, type);
        const len = prop.materialize(buf);
        r.setVisits(buf, len);
        r.update(ls.ce);
        return r.cost;
      };
      for (let U = inst.numDepots; U < inst.numLocations; U++) {
        if (ls.routeOf[U] < 0) continue;
        for (const rV of ls.routes) {
          for (let vPos = 0; vPos <= rV.size; vPos++) {
            for (const op of ls.nodeOps) {
              const delta = op.evaluate(ls, U, rV, vPos);
              if (!Number.isFinite(delta)) continue;
              const { a, b } = ls.pendingMove();
              const truth =
                rebuilt(ls.propA, a!.type) + (b ? rebuilt(ls.propB, b.type) : 0) - a!.cost - (b ? b.cost : 0);
              const scale = 1 + Math.abs(a!.cost) + (b ? Math.abs(b.cost) : 0) + Math.abs(truth);
              expect(
                Math.abs(delta - truth) / scale,
                `${op.name} U=${U} vPos=${vPos}: ${delta} vs ${truth}`,
              ).toBeLessThan(1e-9);
              checked++;
            }
          }
        }
      }
      for (const r1 of ls.routes) {
        for (const r2 of ls.routes) {
          if (r1 === r2) continue;
          const delta = ls.evaluateSwapStar(r1, r2);
          if (!Number.isFinite(delta)) continue;
          const truth = rebuilt(ls.propA, r1.type) + rebuilt(ls.propB, r2.type) - r1.cost - r2.cost;
          const scale = 1 + Math.abs(r1.cost) + Math.abs(r2.cost) + Math.abs(truth);
          expect(Math.abs(delta - truth) / scale, `swapStar: ${delta} vs ${truth}`).toBeLessThan(1e-9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
