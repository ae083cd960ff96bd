/**
 * The metaheuristic must beat the simple exact-insertion solver (basic.ts) on tight random
 * problems: in aggregate it serves more clients and/or pays less. Both runs use a tick clock,
 * so the comparison is deterministic and independent of machine load.
 */
import { describe, expect, it } from 'vitest';
import { solveBasic } from '../../solvers/basic.ts';
import { solve } from '../../solvers/index.ts';
import { checkSolution } from '../support/checkSolution.ts';
import { randomProblem } from '../support/randomProblem.ts';

function tickClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('search quality against the reference solver', () => {
  it('serves at least as much for less in aggregate on tight random problems', async () => {
    let basicTotal = 0;
    let searchTotal = 0;
    let basicUnserved = 0;
    let searchUnserved = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const problem = randomProblem({ seed, clients: 25, depots: 2, dims: 2, types: 2 });
      const basic = solveBasic(problem, { timeLimitMs: 1e9, seed: 1, now: tickClock() });
      const search = await solve(problem, { timeLimitMs: 8000, seed: 1, now: tickClock(), useLp: false });
      expect(checkSolution(problem, search.best).errors).toEqual([]);
      basicTotal += basic.best.objective;
      searchTotal += search.best.objective;
      basicUnserved += checkSolution(problem, basic.best).unserved.length;
      searchUnserved += checkSolution(problem, search.best).unserved.length;
    }
    expect(searchUnserved).toBeLessThanOrEqual(basicUnserved);
    expect(searchTotal).toBeLessThan(basicTotal);
  });
});
