/**
 * Property tests: on many random small problems the solver's plan respects every hard
 * constraint, as re-checked by the independent checker, and leaves no client out that a
 * feasible insertion could serve for less than its penalty.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../../solvers/index.ts';
import type { ProblemData, Solution } from '../../solvers/problem.ts';
import { checkRoute, checkSolution } from '../support/checkSolution.ts';
import { randomProblem } from '../support/randomProblem.ts';

/** A clock that advances one ms per read: the search is then deterministic and bounded. */
function tickClock(): () => number {
  let t = 0;
  return () => t++;
}

const problemArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    clients: fc.integer({ min: 1, max: 22 }),
    depots: fc.integer({ min: 1, max: 3 }),
    dims: fc.integer({ min: 1, max: 3 }),
    types: fc.integer({ min: 1, max: 3 }),
  })
  .map((o) => ({ options: o, problem: randomProblem(o) }));

/** An unserved client that some feasible insertion would serve for less than its penalty. */
function profitableInsertion(p: ProblemData, sol: Solution): string | null {
  const check = checkSolution(p, sol);
  const used = new Array<number>(p.numVehicleTypes).fill(0);
  for (const r of sol.routes) used[r.vehicleType]++;
  for (const c of check.unserved) {
    const candidates: Array<{ type: number; visits: number[]; before: number }> = [];
    sol.routes.forEach((r, i) => {
      const v = Array.from(r.visits);
      for (let pos = 0; pos <= v.length; pos++) {
        candidates.push({
          type: r.vehicleType,
          visits: [...v.slice(0, pos), c, ...v.slice(pos)],
          before: check.routes[i].cost,
        });
      }
    });
    for (let k = 0; k < p.numVehicleTypes; k++) {
      if (used[k] < p.vehicleTypes[k].count) candidates.push({ type: k, visits: [c], before: 0 });
    }
    for (const cand of candidates) {
      const res = checkRoute(p, cand.type, cand.visits);
      if (res.errors.length === 0 && res.route.cost - cand.before < p.unservedPenalty[c] - 1e-6) {
        return `client ${c} fits type ${cand.type} as [${cand.visits}] for ${res.route.cost - cand.before} < ${p.unservedPenalty[c]}`;
      }
    }
  }
  return null;
}

describe('solver feasibility on random problems', () => {
  it('never breaks a hard constraint and reports the objective it achieves', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, fc.integer({ min: 0, max: 1000 }), async ({ problem }, seed) => {
        const out = await solve(problem, { timeLimitMs: 300, seed, now: tickClock() });
        const check = checkSolution(problem, out.best);
        expect(check.errors).toEqual([]);
        expect(out.best.feasible).toBe(true);
        // Both price each route with its shortest feasible schedule.
        expect(Math.abs(out.best.objective - check.objective)).toBeLessThan(1e-6 * (1 + Math.abs(check.objective)));
        for (let i = 1; i < out.trace.length; i++)
          expect(out.trace[i].objective).toBeLessThan(out.trace[i - 1].objective);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves no client out that a feasible insertion would serve for less than its penalty', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async ({ problem }) => {
        const out = await solve(problem, { timeLimitMs: 400, seed: 1, now: tickClock() });
        expect(profitableInsertion(problem, out.best)).toBeNull();
      }),
      { numRuns: 80 },
    );
  });

  it('starts from a warm start and never returns anything worse', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async ({ problem }) => {
        const first = await solve(problem, { timeLimitMs: 300, seed: 3, now: tickClock(), useLp: false });
        const again = await solve(problem, {
          timeLimitMs: 20,
          seed: 4,
          now: tickClock(),
          useLp: false,
          initial: first.best,
        });
        expect(checkSolution(problem, again.best).errors).toEqual([]);
        expect(again.best.objective).toBeLessThanOrEqual(first.best.objective + 1e-6 * (1 + first.best.objective));
      }),
      { numRuns: 30 },
    );
  });

  it('is deterministic for a seed', async () => {
    const problem = randomProblem({ seed: 42, clients: 20, depots: 2, dims: 2, types: 2 });
    const a = await solve(problem, { timeLimitMs: 500, seed: 7, now: tickClock() });
    const b = await solve(problem, { timeLimitMs: 500, seed: 7, now: tickClock() });
    expect(a.best.objective).toBe(b.best.objective);
    expect(a.best.routes.map((r) => Array.from(r.visits))).toEqual(b.best.routes.map((r) => Array.from(r.visits)));
  });

  it('reports progress and each improvement, ending on the returned best', async () => {
    const problem = randomProblem({ seed: 11, clients: 22, depots: 1, dims: 2, types: 2 });
    const improvements: number[] = [];
    let progress = 0;
    const out = await solve(problem, {
      timeLimitMs: 3000,
      seed: 2,
      now: tickClock(),
      progressEveryMs: 100,
      onProgress: (p) => {
        progress++;
        expect(p.elapsedMs).toBeGreaterThanOrEqual(0);
      },
      onImprovement: (sol) => {
        expect(checkSolution(problem, sol).errors).toEqual([]);
        improvements.push(sol.objective);
      },
    });
    expect(progress).toBeGreaterThan(3);
    expect(improvements.length).toBeGreaterThan(1);
    for (let i = 1; i < improvements.length; i++) expect(improvements[i]).toBeLessThan(improvements[i - 1]);
    expect(improvements.at(-1)).toBe(out.best.objective);
    expect(out.trace.map((t) => t.objective)).toEqual(improvements);
  });

  it('stops when asked and still returns a feasible plan', async () => {
    const problem = randomProblem({ seed: 3, clients: 22, depots: 1, dims: 1, types: 2 });
    let polls = 0;
    const out = await solve(problem, {
      timeLimitMs: 1e9,
      seed: 1,
      now: tickClock(),
      shouldStop: () => (++polls > 5 ? 'cancel' : null),
    });
    expect(out.stoppedBy).toBe('cancel');
    expect(checkSolution(problem, out.best).errors).toEqual([]);
  });
});
