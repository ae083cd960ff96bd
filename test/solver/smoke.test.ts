/**
 * Benchmark smoke test: a few public instances solved for two seconds each through the same
 * path as `npm run bench`, checked independently. No timing assertions; the gap bound is loose
 * on purpose (the real numbers come from the benchmark, not from tests).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBks } from '../../src/bench/runBench.ts';
import { solveInstanceFile } from '../../src/bench/solveFile.ts';

// Copies of a few public instances (datasets/benchmarks/README.md): the tests need only a clone.
const instances = join(import.meta.dirname, '../../datasets/benchmarks');

describe('benchmark smoke', () => {
  it.each([
    ['solomon', 'C101'],
    ['solomon', 'R201'],
    ['cvrp-x', 'X-n101-k25'],
  ])('%s %s: feasible, all customers served, within 10 percent of the best known', async (set, name) => {
    const dir = join(instances, set);
    const file = join(dir, set === 'solomon' ? `${name}.txt` : `${name}.vrp`);
    const res = await solveInstanceFile(file, { timeLimitS: 2, seed: 1 });
    expect(res.violations).toEqual([]);
    expect(res.unserved).toEqual([]);
    expect(res.feasible).toBe(true);
    const served = res.routes.flat();
    expect(new Set(served).size).toBe(served.length);
    expect(served.length).toBe(100);
    const bks = readBks(dir).get(name)!;
    expect(res.distance).toBeLessThan(bks * 1.1);
    expect(res.trace.length).toBeGreaterThan(0);
    expect(res.trace.at(-1)!.objective).toBeCloseTo(res.distance, 6);
  });
});
