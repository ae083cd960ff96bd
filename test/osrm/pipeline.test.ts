/**
 * Road routing through the whole pipeline (solvePlan): plans on OSRM matrices with road lines,
 * the great-circle fallback when OSRM fails (never a failed plan, never silent), road lines
 * failing after the matrices, and an address without a road.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaversineProvider } from '../../src/distances/haversine.ts';
import { providerFromEnv } from '../../src/distances/osrm/index.ts';
import type { PlanRequest, PlanRequestInput } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { type FakeOsrm, fakeTravel, startFakeOsrm } from './fakeOsrm.ts';

const SPEED = 9; // m/s on the fake network
let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm({ speed: SPEED, island: (_lon, lat) => lat > 45.83 });
});
afterAll(() => osrm.close());

const STOPS = [
  { lat: 45.7578, lon: 4.832 },
  { lat: 45.7485, lon: 4.8467 },
  { lat: 45.7719, lon: 4.8902 },
  { lat: 45.7333, lon: 4.8651 },
  { lat: 45.7796, lon: 4.8045 },
  { lat: 45.7421, lon: 4.9103 },
  { lat: 45.7642, lon: 4.8571 },
  { lat: 45.7158, lon: 4.8127 },
];

function day(extra: PlanRequestInput['orders'] = []): PlanRequest {
  const body: PlanRequestInput = {
    date: '2026-03-02',
    settings: { timeLimitSeconds: 0.5, seed: 3, frugalStop: false, lp: false },
    depots: [{ id: 'corbas', location: { lat: 45.6687, lon: 4.9019 }, openingHours: { start: '06:00', end: '20:00' } }],
    vehicles: ['V1', 'V2'].map((id) => ({
      id,
      driverId: `driver-${id}`,
      startDepot: 'corbas',
      capacity: { kg: 60 },
      shift: { start: '07:00', end: '17:00' },
      costs: { fixed: 20, perKm: 0.3, perHour: 25 },
      energy: { carrier: 'diesel' as const, vehicleClass: 'van_n1' as const },
    })),
    orders: [
      ...STOPS.map((location, i) => ({
        id: `O-${i + 1}`,
        customerId: `C-${i + 1}`,
        location,
        demand: { kg: 12 },
        serviceMinutes: 6,
      })),
      ...extra,
    ],
  };
  const parsed = parsePlanRequest(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

const env = { OSRM_URL: '', OSRM_RETRIES: '1', OSRM_BACKOFF_MS: '1', OSRM_TIMEOUT_MS: '2000', OSRM_CACHE: 'off' };
const withOsrm = (deps: { fetch?: typeof fetch } = {}) => providerFromEnv({ ...env, OSRM_URL: osrm.url }, deps);

/** Every stop of every route, and none twice. */
function served(plan: PlanResult): string[] {
  return plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)).sort();
}

describe('plans on OSRM', () => {
  it('uses road distances and durations, re-checked independently on the same road network', async () => {
    const request = day();
    const plan = await solvePlan(request, { matrixProvider: withOsrm() });
    expect(plan.routing.provider).toBe('osrm');
    expect(plan.routing.note).toMatch(/road distances and durations from OSRM/);
    expect(served(plan)).toEqual(STOPS.map((_, i) => `O-${i + 1}`).sort());
    const travel = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => fakeTravel(a, b, SPEED);
    expect(checkPlan(request, plan, { travel })).toEqual([]);
    // Kilometres are the road's, not the crow's.
    for (const route of plan.routes) {
      const legs = [request.depots[0].location, ...route.stops.map((s) => s.location), request.depots[0].location];
      const metres = legs.slice(1).reduce((sum, p, k) => sum + fakeTravel(legs[k], p, SPEED).metres, 0);
      expect(route.distanceKm).toBeCloseTo(metres / 1000, 2);
    }
  });

  it('draws every route on the road, through its stops, after the solve', async () => {
    const request = day();
    const plan = await solvePlan(request, { matrixProvider: withOsrm() });
    expect(plan.routing.geometry).toBe('road');
    for (const route of plan.routes) {
      const line = route.geometry!.coordinates;
      // The fake roads turn once per leg: a corner between consecutive waypoints.
      expect(line.length).toBe(2 * (route.stops.length + 1) + 1);
      expect(line[0][0]).toBeCloseTo(4.9019, 5);
      for (const stop of route.stops) {
        expect(
          line.some(([x, y]) => Math.abs(x - stop.location.lon) < 1e-6 && Math.abs(y - stop.location.lat) < 2e-5),
        ).toBe(true);
      }
    }
  });
});

describe('when OSRM fails', () => {
  it('mid-plan, after its retries: the plan completes on great-circle estimates and says why', async () => {
    const request = day();
    osrm.always = { kind: 'status', status: 503 };
    let plan: PlanResult;
    try {
      plan = await solvePlan(request, { matrixProvider: withOsrm() });
    } finally {
      osrm.always = null;
    }
    expect(plan.routing.provider).toBe('haversine-fallback');
    expect(plan.routing.note).toMatch(
      /^OSRM unavailable, great-circle estimates used instead .*HTTP 503.*\(2 attempts\)/,
    );
    expect(plan.routing.detourFactor).toBe(1.3);
    expect(plan.routing.geometry).toBe('straight');
    expect(served(plan)).toEqual(STOPS.map((_, i) => `O-${i + 1}`).sort());
    expect(checkPlan(request, plan)).toEqual([]); // great-circle × 1.3, as the checker computes it
    // The same plan as on the great-circle provider itself.
    const reference = await solvePlan(request, { matrixProvider: new HaversineProvider() });
    expect(plan.totals.distanceKm).toBe(reference.totals.distanceKm);
  });

  it('dropped connections and timeouts alike end in the fallback, not in a failed plan', async () => {
    osrm.always = { kind: 'drop' };
    try {
      const plan = await solvePlan(day(), { matrixProvider: withOsrm() });
      expect(plan.routing.provider).toBe('haversine-fallback');
      expect(plan.routing.note).toMatch(/connection dropped in the middle of the answer/);
    } finally {
      osrm.always = null;
    }
  });

  it('only at the road lines: distances stay on OSRM, lines are straight, and the plan says why', async () => {
    const noRoutes: typeof fetch = (input, init) =>
      String(input).includes('/route/v1/')
        ? Promise.resolve(new Response('upstream down', { status: 502 }))
        : fetch(input, init);
    const plan = await solvePlan(day(), { matrixProvider: withOsrm({ fetch: noRoutes }) });
    expect(plan.routing.provider).toBe('osrm');
    expect(plan.routing.geometry).toBe('straight');
    expect(plan.routing.geometryNote).toMatch(
      /^road geometry unavailable, straight legs drawn: OSRM answered HTTP 502/,
    );
    for (const r of plan.routes) expect(r.geometry!.coordinates).toHaveLength(r.stops.length + 2);
  });

  it('an address with no road from the depot is unassigned with that reason, the rest is planned', async () => {
    const island = { id: 'O-ISLAND', customerId: 'C-ISLAND', location: { lat: 45.86, lon: 4.82 }, demand: { kg: 5 } };
    const plan = await solvePlan(day([island]), { matrixProvider: withOsrm() });
    expect(plan.routing.provider).toBe('osrm');
    expect(plan.routing.note).toMatch(/pair\(s\) without a road route, treated as forbidden/);
    expect(served(plan)).toEqual(STOPS.map((_, i) => `O-${i + 1}`).sort());
    expect(plan.unassigned).toEqual([
      expect.objectContaining({
        orderId: 'O-ISLAND',
        code: 'no_compatible_vehicle',
        reason: expect.stringContaining(
          'V1, V2: no road from depot corbas to this address on the van road network (OSRM found no route)',
        ),
      }),
    ]);
  });
});

describe('a stop while the matrices are still being fetched', () => {
  it('aborts the fetch at once: a cancel does not wait for a slow server, and falls back to nothing', async () => {
    osrm.always = { kind: 'slow', ms: 20_000 };
    const slowEnv = { ...env, OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: '30000' };
    let stopAt = Number.POSITIVE_INFINITY;
    try {
      const started = performance.now();
      stopAt = started + 300;
      const run = solvePlan(day(), {
        matrixProvider: providerFromEnv(slowEnv),
        shouldStop: () => (performance.now() >= stopAt ? 'cancel' : null),
      });
      await expect(run).rejects.toThrow('stopped by cancel while fetching travel matrices');
      // Well before the server's 20 s answer (and its own 30 s timeout).
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      osrm.always = null;
    }
  });
});
