/**
 * Property tests of the ledger's invariants on random delivery days solved end to end:
 * saved = baseline − plan (per vehicle and in total, every figure); per-order ISO 14083
 * allocations sum to each route's total; a plan taken as its own baseline saves exactly 0 (and the
 * baseline evaluator finds nothing wrong with the solver's feasible routes); the naive baseline
 * is feasible; compute CO2e grows with CPU-seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveBasic } from '../../solvers/basic.ts';
import { HaversineProvider } from '../../src/distances/haversine.ts';
import { evaluateRoutes, travelFromMatrices } from '../../src/ledger/baseline.ts';
import { vehicleEnergy } from '../../src/ledger/energy.ts';
import { computeParams, footprint } from '../../src/ledger/footprint.ts';
import { buildLedger } from '../../src/ledger/ledger.ts';
import type { Figures, Ledger } from '../../src/ledger/types.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan, travelMatrices } from '../../src/pipeline/solvePlan.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { randomDay } from '../support/randomDay.ts';

const FIELDS = ['km', 'fuelL', 'electricityKWh', 'gasKg', 'co2eWtwKg', 'co2eTtwKg'] as const;
const ZERO: Figures = { km: 0, fuelL: 0, electricityKWh: 0, gasKg: 0, co2eWtwKg: 0, co2eTtwKg: 0 };

async function solvedDay(body: unknown): Promise<{ request: PlanRequest; plan: PlanResult; ledger: Ledger }> {
  const parsed = parsePlanRequest(body);
  if (!parsed.ok) throw new Error(`generator made an invalid day: ${JSON.stringify(parsed.error)}`);
  const plan = await solvePlan(parsed.value, { solver: solveBasic });
  if (!plan.ledger) throw new Error('no ledger on the result');
  return { request: parsed.value, plan, ledger: plan.ledger };
}

function expectDifference(saved: Figures, baseline: Figures | null, plan: Figures | null): void {
  for (const f of FIELDS) expect(saved[f]).toBeCloseTo((baseline ?? ZERO)[f] - (plan ?? ZERO)[f], 9);
}

describe('ledger invariants on random days', () => {
  it('saved = baseline − plan, per vehicle and in total; totals are the sums of the rows', async () => {
    await fc.assert(
      fc.asyncProperty(randomDay, async (body) => {
        const { ledger } = await solvedDay(body);
        for (const r of ledger.routes) expectDifference(r.saved, r.baseline, r.plan);
        expectDifference(ledger.totals.saved, ledger.totals.baseline, ledger.totals.plan);
        for (const f of FIELDS) {
          const rows = ledger.routes.reduce((s, r) => s + (r.plan?.[f] ?? 0), 0);
          expect(ledger.totals.plan[f]).toBeCloseTo(rows, 9);
        }
        expect(ledger.net.savedKg).toBe(ledger.totals.saved.co2eWtwKg);
        expect(ledger.net.netKg).toBeCloseTo(ledger.net.savedKg - ledger.net.computeKg, 6);
      }),
      { numRuns: 40, seed: 314 },
    );
  });

  it("per-order allocations sum to their route's total (plan and baseline, WTW and TTW)", async () => {
    await fc.assert(
      fc.asyncProperty(randomDay, async (body) => {
        const { ledger } = await solvedDay(body);
        for (const side of ['plan', 'baseline'] as const) {
          for (const r of ledger.routes) {
            const mine = ledger.orders.flatMap((o) => (o[side]?.vehicleId === r.vehicleId ? [o[side]!] : []));
            const route = r[side];
            if (!route) {
              expect(mine).toEqual([]);
              continue;
            }
            expect(mine.length).toBeGreaterThan(0);
            expect(mine.reduce((s, o) => s + o.share, 0)).toBeCloseTo(1, 5);
            expect(mine.reduce((s, o) => s + o.co2eWtwKg, 0)).toBeCloseTo(route.co2eWtwKg, 9);
            expect(mine.reduce((s, o) => s + o.co2eTtwKg, 0)).toBeCloseTo(route.co2eTtwKg, 9);
          }
        }
      }),
      { numRuns: 40, seed: 2718 },
    );
  });

  it('a plan taken as its own baseline saves exactly 0, and the baseline evaluator finds it feasible', async () => {
    await fc.assert(
      fc.asyncProperty(randomDay, async (body) => {
        const { request, plan } = await solvedDay(body);
        const travel = await travelMatrices(request, new HaversineProvider());
        const lt = travelFromMatrices(request, travel.matrices, travel.vehicleProfileKeys);
        const given = plan.routes.map((r) => ({ vehicleId: r.vehicleId, orderIds: r.stops.map((s) => s.orderId) }));
        const baseline = evaluateRoutes(request, lt, undefined, given, 'planner');
        expect(baseline.issues).toEqual([]);
        const ledger = buildLedger({
          request,
          planRoutes: plan.routes,
          baseline,
          travel: lt,
          energies: request.vehicles.map((v) => vehicleEnergy(v, request.emissions)),
          compute: {
            usage: { cpuSeconds: 1, wallSeconds: 1 },
            scope: 'thread',
            memory: { peakHeapUsedMB: 1, peakRssMB: 1 },
            params: computeParams(request.emissions, 1),
            basis: 'estimated (no RAPL)',
            covers: 'test',
          },
          anytime: plan.ledger!.anytime,
        });
        expect(ledger.totals.saved).toEqual(ZERO);
        for (const r of ledger.routes) expect(r.saved).toEqual(ZERO);
        for (const o of ledger.orders) if (o.plan) expect(o.savedKg).toBe(0);
        expect(ledger.baseline.sameOrders).toBe(true);
      }),
      { numRuns: 40, seed: 1618 },
    );
  });

  it('the naive nearest-neighbour baseline breaks no constraint', async () => {
    await fc.assert(
      fc.asyncProperty(randomDay, async (body) => {
        const { ledger } = await solvedDay(body);
        expect(ledger.baseline.kind).toBe('nearest-neighbour');
        expect(ledger.baseline.issues).toEqual([]);
        expect(ledger.baseline.feasible).toBe(true);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});

describe('compute footprint', () => {
  it('grows with CPU-seconds, for every method and host setting (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0.01, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.constantFrom('green-algorithms', 'ccf') as fc.Arbitrary<'green-algorithms' | 'ccf'>,
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 800 }),
        (cpu, extra, wall, method, pue, grid) => {
          const p = computeParams({ compute: { method, pue, gridIntensity: grid } }, 4);
          const less = footprint({ cpuSeconds: cpu, wallSeconds: wall }, p);
          const more = footprint({ cpuSeconds: cpu + extra, wallSeconds: wall }, p);
          expect(more.energyWh).toBeGreaterThan(less.energyWh);
          expect(more.totalG).toBeGreaterThan(less.totalG);
        },
      ),
    );
  });
});
