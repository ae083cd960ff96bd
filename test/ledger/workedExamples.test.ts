/**
 * The worked examples of ../shared/docs/emissions-model.md §5, reproduced through the ledger's own
 * code (energy model, ledger assembly, ISO 14083 allocation, compute footprint) to the digits the
 * document prints.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluatedBaseline, LedgerTravel, RouteShape } from '../../src/ledger/baseline.ts';
import { legsFigures, vehicleEnergy } from '../../src/ledger/energy.ts';
import { computeParams, footprint } from '../../src/ledger/footprint.ts';
import type { AnytimeReport } from '../../src/ledger/frugal.ts';
import { buildLedger } from '../../src/ledger/ledger.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';

/** One diesel N1 van (UK class III), three drops A, B, C of 0.20, 0.32 and 0.20 t (doc §5.2). */
function vanDay(): PlanRequest {
  const parsed = parsePlanRequest({
    date: '2026-12-01',
    depots: [{ id: 'D', location: { lat: 45.7, lon: 4.9 } }],
    vehicles: [
      {
        id: 'VAN',
        startDepot: 'D',
        capacity: { kg: 1000 },
        energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
      },
    ],
    orders: [
      { id: 'A', customerId: 'a', location: { lat: 45.8, lon: 4.9 }, demand: { kg: 200 } },
      { id: 'B', customerId: 'b', location: { lat: 45.9, lon: 4.9 }, demand: { kg: 320 } },
      { id: 'C', customerId: 'c', location: { lat: 46.0, lon: 4.9 }, demand: { kg: 200 } },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** SFD from the depot (point 0) to A, B, C (points 1..3): 12, 30 and 45 km. */
const travel: LedgerTravel = {
  metres: (_v, from, to) => (from === 0 ? [0, 12_000, 30_000, 45_000][to] : 1000),
  seconds: () => 60,
};

/**
 * A route of `km` through A, B, C with 60 % of the van's load on board on every km: the doc's
 * simplifying assumption (L1 would compute the load arc by arc).
 */
function tourAt60(km: number): RouteShape {
  const load = { kg: 600 };
  return {
    vehicleId: 'VAN',
    startDepotId: 'D',
    loadStart: load,
    stops: [
      { orderId: 'A', legKm: km / 4, loadAfter: load },
      { orderId: 'B', legKm: km / 4, loadAfter: load },
      { orderId: 'C', legKm: km / 4, loadAfter: load },
    ],
    returnKm: km / 4,
  };
}

const noAnytime: AnytimeReport = {
  points: [],
  improvements: 0,
  frugal: {
    enabled: false,
    safetyFactor: 10,
    minSeconds: 10,
    windowSeconds: 5,
    windowFraction: 0.5,
    measure: 'co2e',
    rule: '',
    computeGPerSecond: 0,
    thresholdGPerSecond: 0,
    reason: null,
  },
};

/** §5.3: 90 s wall on 2 cores, 170 CPU-seconds measured, 2 GB heap allowed. */
const solve53 = { cpuSeconds: 170, wallSeconds: 90 };

function ledger51(computeSettings: NonNullable<PlanRequest['emissions']>['compute']) {
  const request = { ...vanDay(), emissions: { compute: computeSettings } };
  const baseline: EvaluatedBaseline = {
    kind: 'planner',
    label: 'planner',
    method: 'test',
    routes: [tourAt60(120)],
    times: [{ departure: '08:00', back: '12:00', durationMinutes: 240 }],
    issues: [],
    unservedOrderIds: [],
  };
  return buildLedger({
    request,
    planRoutes: [tourAt60(108)],
    baseline,
    travel,
    energies: request.vehicles.map((v) => vehicleEnergy(v, request.emissions)),
    compute: {
      usage: solve53,
      scope: 'thread',
      memory: { peakHeapUsedMB: 100, peakRssMB: 200 },
      params: computeParams(request.emissions, 2),
      basis: 'estimated (no RAPL)',
      covers: 'test',
    },
    anytime: noAnytime,
  });
}

describe('§5.1 one van day (diesel N1, class III)', () => {
  const van = vehicleEnergy(vanDay().vehicles[0]);

  it('consumes 11.0 L/100 km at 60 % load', () => {
    expect(van.emptyPerKm * 100).toBeCloseTo(9.8, 10);
    expect(van.fullPerKm * 100).toBeCloseTo(11.8, 10);
    const f = legsFigures(van, [{ km: 100, load: 0.6 * van.capacity }]);
    expect(f.fuelL).toBeCloseTo(11.0, 1);
  });

  it('baseline 120 km: 13.20 L, TTW 33.1 kg, WTW 41.8 kg; optimised 108 km: 11.88 L, 29.8 kg, 37.7 kg', () => {
    const base = legsFigures(van, [{ km: 120, load: 0.6 * van.capacity }]);
    expect(base.fuelL).toBeCloseTo(13.2, 2);
    expect(base.co2eTtwKg).toBeCloseTo(33.1, 1);
    expect(base.co2eWtwKg).toBeCloseTo(41.8, 1);
    const opt = legsFigures(van, [{ km: 108, load: 0.6 * van.capacity }]);
    expect(opt.fuelL).toBeCloseTo(11.88, 2);
    expect(opt.co2eTtwKg).toBeCloseTo(29.8, 1);
    expect(opt.co2eWtwKg).toBeCloseTo(37.7, 1);
  });

  it('the ledger saves 1.32 L of diesel, 4.18 kg CO2e WTW and 3.3 kg TTW, with the factor set printed', () => {
    const l = ledger51({});
    expect(l.factorSet).toMatchObject({ id: 'fr-arrete-2017', year: 2017 });
    expect(l.totals.plan.km).toBeCloseTo(108, 6);
    expect(l.totals.baseline.km).toBeCloseTo(120, 6);
    expect(l.totals.saved.fuelL).toBeCloseTo(1.32, 2);
    expect(l.totals.saved.co2eWtwKg).toBeCloseTo(4.18, 2);
    expect(l.totals.saved.co2eTtwKg).toBeCloseTo(3.3, 1);
    expect(l.routes).toHaveLength(1);
    expect(l.routes[0].saved).toEqual(l.totals.saved);
  });
});

describe('§5.2 per-order split (ISO 14083, t·km from the depot)', () => {
  const l = ledger51({});
  const row = (id: string) => l.orders.find((o) => o.orderId === id)!;

  it('splits the 37.66 kg tour 11.4 / 45.7 / 42.9 % into 4.30, 17.22 and 16.14 kg', () => {
    expect(l.totals.plan.co2eWtwKg).toBeCloseTo(37.66, 2);
    expect(l.allocation).toMatchObject({ quantity: 'kg', activityUnit: 't·km' });
    const expected = { A: [2.4, 0.114, 4.3], B: [9.6, 0.457, 17.22], C: [9.0, 0.429, 16.14] } as const;
    for (const [id, [tkm, share, kg]] of Object.entries(expected)) {
      expect(row(id).plan!.activity).toBeCloseTo(tkm, 6);
      expect(row(id).plan!.share).toBeCloseTo(share, 3);
      expect(row(id).plan!.co2eWtwKg).toBeCloseTo(kg, 2);
    }
  });

  it('splits the 4.18 kg saving into 0.48, 1.91 and 1.79 kg', () => {
    expect(row('A').savedKg).toBeCloseTo(0.48, 2);
    expect(row('B').savedKg).toBeCloseTo(1.91, 2);
    expect(row('C').savedKg).toBeCloseTo(1.79, 2);
  });

  it('tour intensity ≈ 1.79 kg CO2e per t·km', () => {
    const tkm = l.orders.reduce((s, o) => s + o.plan!.activity, 0);
    expect(tkm).toBeCloseTo(21, 6);
    expect(l.totals.plan.co2eWtwKg / tkm).toBeCloseTo(1.79, 2);
  });
});

describe('§5.3 the solve: 90 s wall on 2 cores, 170 CPU-s, 2 GB heap', () => {
  const ga = (region?: 'FR' | 'DE') =>
    footprint(solve53, computeParams({ compute: { pue: 1.67, memoryGB: 2, vcpus: 2, region } }, 4));

  it('Green Algorithms: 23.4 W, 0.98 Wh, 0.46 g at 475 g/kWh, 0.05 g at 56 (France), 0.37 g at 381 (Germany)', () => {
    const world = ga();
    expect(world.powerW).toBeCloseTo(23.4, 1);
    expect(world.energyWh).toBeCloseTo(0.98, 2);
    expect(world.operationalG).toBeCloseTo(0.46, 2);
    expect(ga('FR').operationalG).toBeCloseTo(0.05, 2);
    expect(ga('DE').operationalG).toBeCloseTo(0.37, 2);
  });

  it('Cloud Carbon Footprint (AWS averages): 7.5 W, 0.21 Wh with PUE 1.135, 0.10 g at 475 g/kWh', () => {
    const p = computeParams({ compute: { method: 'ccf', provider: 'aws', memoryGB: 2, vcpus: 2 } }, 4);
    expect(p.pue).toBe(1.135);
    const f = footprint(solve53, p);
    expect(f.powerW).toBeCloseTo(7.5, 1);
    expect(f.energyWh).toBeCloseTo(0.21, 2);
    expect(f.operationalG).toBeCloseTo(0.1, 2);
  });

  it('embodied (SCI): 763 kg × (90 s / 4 y) × (2/64) ≈ 0.017 g', () => {
    expect(ga().embodiedG).toBeCloseTo(0.017, 3);
  });

  it('net saving ≈ 4.18 kg CO2e; the solve costs roughly 1/9,000 of what it saves', () => {
    const l = ledger51({ pue: 1.67, memoryGB: 2, vcpus: 2, embodied: { enabled: false } });
    expect(l.compute.totalG).toBeCloseTo(0.46, 2);
    expect(l.net.netKg).toBeCloseTo(4.18, 2);
    expect(l.net.paybackRatio!).toBeGreaterThan(8500);
    expect(l.net.paybackRatio!).toBeLessThan(9500);
  });
});
