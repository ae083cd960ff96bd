/**
 * Optimising co2 gives less fuel than optimising distance for the same orders. On the Lyon sample
 * day the co2 objective knows what each vehicle burns (diesel vans and truck vs e-vans on the
 * French grid) and how load changes it; both plans serve every order and are costed by the same
 * ledger. The searches run on the solve thread's CPU clock, so a busy machine gives them the same
 * work, not less. The CVRPLIB X table (homogeneous vans, where only drop order and loads differ)
 * comes from `npx tsx src/ledger/co2VsDistance.mts`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Solver } from '../../solvers/control.ts';
import { solve } from '../../solvers/index.ts';
import { readInstanceFile } from '../../src/formats/index.ts';
import { cpuSeconds } from '../../src/ledger/footprint.ts';
import { solutionFuel, withFuelObjective } from '../../src/ledger/fuelBenchmark.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';

const onCpuClock: Solver = (data, options) => solve(data, { ...options, now: () => cpuSeconds().seconds * 1000 });
const body = JSON.parse(readFileSync(new URL('../../datasets/sample-day.json', import.meta.url), 'utf8'));

async function sampleDay(objective: 'distance' | 'co2') {
  const parsed = parsePlanRequest({
    ...body,
    objective,
    settings: { ...body.settings, timeLimitSeconds: 3, seed: 1, frugalStop: false },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return solvePlan(parsed.value, { solver: onCpuClock });
}

describe('co2 objective vs distance objective on the sample day', () => {
  it('serves the same orders with less diesel and less CO2e', async () => {
    const byDistance = await sampleDay('distance');
    const byCo2 = await sampleDay('co2');
    expect(byDistance.totals.ordersServed).toBe(body.orders.length);
    expect(byCo2.totals.ordersServed).toBe(body.orders.length);
    const d = byDistance.ledger!.totals.plan;
    const c = byCo2.ledger!.totals.plan;
    expect(c.fuelL).toBeLessThan(d.fuelL);
    expect(c.co2eWtwKg).toBeLessThan(d.co2eWtwKg);
    // The search's own value of its plan is the ledger's figure (same model, same matrices), up to
    // the plan's legs being rounded to the metre.
    expect(Math.abs(byCo2.solve.objectiveValue - c.co2eWtwKg) / c.co2eWtwKg).toBeLessThan(1e-4);
  });
});

describe('the L1 fuel objective on a CVRPLIB instance', () => {
  it('prices routes as the ledger model does: the objective of a solution is its fuel', async () => {
    const file = new URL('../../datasets/benchmarks/cvrp-x/X-n101-k25.vrp', import.meta.url).pathname;
    const { problem } = readInstanceFile(file, 'vrplib');
    const van = { empty: 0.098, full: 0.118 };
    const out = await solve(withFuelObjective(problem, van), { timeLimitMs: 500, seed: 3 });
    expect(out.best.routes.length).toBeGreaterThan(0);
    expect(out.best.objective).toBeCloseTo(solutionFuel(problem, out.best, van).fuel, 6);
  });
});
