/**
 * Optimising co2 gives less fuel than optimising distance for the same orders (Xiao et al. 2012:
 * about 5 % on CVRP). On a CVRPLIB X instance, the fuel search starts from the distance plan
 * (warm start), so whatever the solver's quality the comparison isolates the objective: the
 * fuel-aware plan serves every order and burns strictly less. The full table (cold and warm, the
 * sample day, several instances) comes from `npx tsx src/ledger/co2VsDistance.mts`.
 */
import { describe, expect, it } from 'vitest';
import { solve } from '../../solvers/index.ts';
import { readInstanceFile } from '../../src/formats/index.ts';
import { compareObjectives, solutionFuel, withFuelObjective } from '../../src/ledger/fuelBenchmark.ts';

const X101 = new URL('../../../shared/datasets/cvrp-x/X-n101-k25.vrp', import.meta.url).pathname;
/** van_n1 defaults of the ledger, litres per 100 distance units: 9.8 empty, 11.8 full. */
const VAN = { empty: 0.098, full: 0.118 };

describe('co2 (fuel) objective vs distance objective on CVRPLIB X-n101-k25', () => {
  it('serves the same orders and burns less fuel', async () => {
    const { problem } = readInstanceFile(X101, 'vrplib');
    const r = await compareObjectives(problem, VAN, solve, { timeLimitMs: 2000, seed: 7, warm: true });
    expect(r.distancePlan.served).toBe(problem.numClients);
    expect(r.fuelPlan.served).toBe(problem.numClients);
    expect(r.fuelPlan.fuel).toBeLessThan(r.distancePlan.fuel);
    expect(r.fuelSavedPct).toBeGreaterThan(0);
  });

  it('prices routes with the L1 model: the fuel objective of a solution is its measured fuel', async () => {
    const { problem } = readInstanceFile(X101, 'vrplib');
    const fuelData = withFuelObjective(problem, VAN);
    const out = await solve(fuelData, { timeLimitMs: 500, seed: 3 });
    expect(out.best.objective).toBeCloseTo(solutionFuel(problem, out.best, VAN).fuel, 6);
  });
});
