/**
 * Zones through the whole pipeline: orders inside go only to compliant vehicles (or are left out
 * with the reason), and on road geometry the legs and depots of non-compliant vehicles are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaversineProvider } from '../../src/distances/haversine.ts';
import { providerFromEnv } from '../../src/distances/osrm/index.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import { type FakeOsrm, startFakeOsrm } from '../osrm/fakeOsrm.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { day, EV, PLACES, vehicle, ZFE_ALPS } from './fixtures.ts';

function parsed(body: unknown): PlanRequest {
  const r = parsePlanRequest(body);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const city = {
  bellecour: PLACES.bellecour,
  villeurbanne: PLACES.villeurbanne,
  port: PLACES.port,
  saintPriest: PLACES.saintPriest,
};
const greatCircle = { matrixProvider: new HaversineProvider() };
const vehicleOf = (plan: Awaited<ReturnType<typeof solvePlan>>, orderId: string) =>
  plan.routes.find((r) => r.stops.some((s) => s.orderId === orderId))?.vehicleId;

describe('orders inside a zone', () => {
  it('go to the compliant vehicle; the port (a hole) and the suburbs to anyone', async () => {
    const request = parsed(day(city, [vehicle('DV-1'), EV('EV-1')]));
    const plan = await solvePlan(request, greatCircle);
    expect(checkPlan(request, plan)).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(vehicleOf(plan, 'bellecour')).toBe('EV-1');
    expect(vehicleOf(plan, 'villeurbanne')).toBe('EV-1');
    expect(plan.zones).toMatchObject({
      zones: [{ id: 'zfe-lyon', name: 'ZFE Lyon' }],
      legsChecked: false,
      warnings: 0,
    });
    expect(plan.zones?.note).toMatch(/legs were not checked: without road geometry/);
  });

  it('are unassigned with the reason when no vehicle may enter', async () => {
    const request = parsed(day(city, [vehicle('DV-1'), vehicle('DV-2')]));
    const plan = await solvePlan(request, greatCircle);
    expect(plan.unassigned.map((u) => u.orderId).sort()).toEqual(['bellecour', 'villeurbanne']);
    for (const u of plan.unassigned) {
      expect(u.code).toBe('no_compatible_vehicle');
      expect(u.reason).toBe(
        "no vehicle can serve this order even alone — DV-1, DV-2: inside ZFE Lyon (Crit'Air E, 1 only): vehicle is Crit'Air 2",
      );
    }
    expect(plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)).sort()).toEqual(['port', 'saintPriest']);
  });

  it('in every polygon of a multipolygon, with rules per vehicle class', async () => {
    const oldTruck = vehicle('TR-5', {
      capacity: { kg: 5000 },
      energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
      emissionClass: { euro: 'Euro V', critAir: '3' },
    });
    const request = parsed(day({ grenoble: PLACES.grenoble, saintPriest: PLACES.saintPriest }, [oldTruck], [ZFE_ALPS]));
    const plan = await solvePlan(request, greatCircle);
    expect(plan.unassigned).toEqual([
      expect.objectContaining({
        orderId: 'grenoble',
        reason: expect.stringContaining(
          'TR-5: inside ZFE Lyon + Grenoble (Euro VI or newer; classes rigid_12t only): vehicle is Euro V',
        ),
      }),
    ]);
  });
});

describe('legs and depots on road geometry', () => {
  let osrm: FakeOsrm;
  beforeAll(async () => {
    osrm = await startFakeOsrm();
  });
  afterAll(() => osrm.close());
  const roads = () =>
    providerFromEnv({ OSRM_URL: osrm.url, OSRM_RETRIES: '0', OSRM_CACHE: 'off', OSRM_TIMEOUT_MS: '2000' });

  it('a leg between two addresses outside the zone that drives through it is reported on the route', async () => {
    // West and east of the city: the road between them (the fake network goes east, then north) cuts through.
    const request = parsed(day({ ecully: PLACES.ecully, vaulx: PLACES.vaulxEnVelin }, [vehicle('DV-1')]));
    const plan = await solvePlan(request, { matrixProvider: roads() });
    expect(plan.unassigned).toEqual([]);
    expect(plan.routing.geometry).toBe('road');
    const warnings = plan.routes[0].zoneWarnings ?? [];
    const across = warnings.find((w) => [w.from, w.to].sort().join() === 'ecully,vaulx');
    expect(across).toMatchObject({ zoneId: 'zfe-lyon', zoneName: 'ZFE Lyon', kind: 'leg' });
    // The road runs along 45.7745° N from 4.7775° E; the zone spans about 4.7905 → 4.9265 E there: ~10.6 km.
    expect(across!.kmInside).toBeGreaterThan(9.5);
    expect(across!.kmInside).toBeLessThan(11.5);
    expect(across!.message).toMatch(
      /drives about 1\d\.\d km inside ZFE Lyon \(Crit'Air E, 1 only\): vehicle is Crit'Air 2$/,
    );
    expect(plan.zones).toMatchObject({ legsChecked: true, warnings: warnings.length });
  });

  it('a compliant vehicle on the same roads gets no warning', async () => {
    const request = parsed(day({ ecully: PLACES.ecully, vaulx: PLACES.vaulxEnVelin }, [EV('EV-1')]));
    const plan = await solvePlan(request, { matrixProvider: roads() });
    expect(plan.routes[0].zoneWarnings).toBeUndefined();
    expect(plan.zones).toMatchObject({ legsChecked: true, warnings: 0 });
  });

  it('a depot inside the zone is reported for the vehicles it may not let out', async () => {
    const body = day({ saintPriest: PLACES.saintPriest }, [vehicle('DV-1')]);
    body.depots = [{ id: 'presquile', location: PLACES.bellecour }];
    body.vehicles[0].startDepot = 'presquile';
    const plan = await solvePlan(parsed(body), { matrixProvider: new HaversineProvider() });
    expect(plan.routes[0].zoneWarnings).toEqual([
      expect.objectContaining({
        kind: 'depot',
        from: 'depot presquile',
        message: "depot presquile of DV-1 is inside ZFE Lyon (Crit'Air E, 1 only): vehicle is Crit'Air 2",
      }),
    ]);
  });
});
