/**
 * GET /v1/plans/:id/routes.geojson through the real spine: the API in this process, a real Redis,
 * and a `tournee worker` process whose only routing setting is OSRM_URL (pointing at the local
 * OSRM-speaking server): the worker's solve thread routes on it, draws road lines, checks the zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../src/plan/types.ts';
import { waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';
import { day, EV, PLACES, vehicle } from '../zones/fixtures.ts';
import { type FakeOsrm, startFakeOsrm } from './fakeOsrm.ts';

let stack: StartedApi;
let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm();
  stack = await startApiWithRedis();
});
afterAll(async () => {
  await stack?.close();
  await osrm?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GeoJSON features are read loosely in assertions
type Feature = { geometry: { type: string; coordinates: any }; properties: Record<string, any> };

async function finished(id: string) {
  return waitUntil(
    `plan ${id} to finish`,
    async () => {
      const s = (await stack.api.request('GET', `/v1/plans/${id}`)).body;
      return ['succeeded', 'failed', 'cancelled'].includes(s.status) ? s : null;
    },
    60_000,
    100,
  );
}

describe('GET /v1/plans/:id/routes.geojson', () => {
  it('draws each route on the road with its vehicle, driver, km and CO2e, and each stop with its ETA', async () => {
    const worker = await stack.startWorker({
      TOURNEE_SOLVE_MODULE: '',
      OSRM_URL: osrm.url,
      OSRM_CACHE: 'memory',
    });
    const orders = {
      bellecour: PLACES.bellecour,
      villeurbanne: PLACES.villeurbanne,
      port: PLACES.port,
      saintPriest: PLACES.saintPriest,
      ecully: PLACES.ecully,
      vaulx: PLACES.vaulxEnVelin,
    };
    const body = day(orders, [vehicle('DV-1', { driverId: 'driver-1' }), { ...EV('EV-1'), driverId: 'driver-2' }]);
    const submitted = await stack.api.request('POST', '/v1/plans', body);
    expect(submitted.status).toBe(202);
    const id = submitted.body.id as string;
    const done = await finished(id);
    expect(done.status, JSON.stringify(done.history)).toBe('succeeded');
    const plan = (await stack.api.request('GET', `/v1/plans/${id}/result`)).body as PlanResult;
    expect(plan.routing.provider).toBe('osrm');
    expect(plan.routing.geometry).toBe('road');
    expect(plan.zones?.legsChecked).toBe(true);
    expect(osrm.requests.some((r) => r.service === 'table')).toBe(true);
    expect(osrm.requests.some((r) => r.service === 'route')).toBe(true);

    const res = await stack.api.request('GET', `/v1/plans/${id}/routes.geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.properties).toMatchObject({ routing: 'osrm', geometry: 'road' });
    const features = res.body.features as Feature[];
    const lines = features.filter((f) => f.properties.kind === 'route');
    expect(lines).toHaveLength(plan.routes.length);
    for (const [k, route] of plan.routes.entries()) {
      const line = lines[k];
      expect(line.geometry.type).toBe('LineString');
      // Road geometry: more positions than waypoints (the fake roads turn once per leg).
      expect(line.geometry.coordinates.length).toBeGreaterThan(route.stops.length + 2);
      const co2 = plan.ledger?.routes.find((r) => r.vehicleId === route.vehicleId)?.plan;
      expect(line.properties).toMatchObject({
        vehicleId: route.vehicleId,
        driverId: route.vehicleId === 'DV-1' ? 'driver-1' : 'driver-2',
        km: route.distanceKm,
        stops: route.stops.length,
        co2eWtwKg: co2?.co2eWtwKg,
        geometry: 'road',
      });
      expect(line.properties.co2eWtwKg).toBeGreaterThanOrEqual(0);
      const stops = features.filter((f) => f.properties.kind === 'stop' && f.properties.vehicleId === route.vehicleId);
      expect(stops.map((s) => s.properties.orderId)).toEqual(route.stops.map((s) => s.orderId));
      stops.forEach((s, i) => {
        expect(s.geometry).toEqual({
          type: 'Point',
          coordinates: [route.stops[i].location.lon, route.stops[i].location.lat],
        });
        expect(s.properties).toMatchObject({ sequence: i + 1, eta: route.stops[i].arrival });
      });
    }
    // The diesel van may not enter the zone: the city-centre orders are on the electric van.
    const evStops = features.filter((f) => f.properties.kind === 'stop' && f.properties.vehicleId === 'EV-1');
    const inside = ['bellecour', 'villeurbanne'].filter((o) =>
      plan.routes.some((r) => r.stops.some((s) => s.orderId === o)),
    );
    for (const o of inside) expect(evStops.map((s) => s.properties.orderId)).toContain(o);
    expect(features.filter((f) => f.properties.kind === 'depot')).toHaveLength(1);
    const unassigned = features.filter((f) => f.properties.kind === 'unassigned');
    expect(unassigned.map((f) => f.properties.orderId).sort()).toEqual(plan.unassigned.map((u) => u.orderId).sort());
    await worker.kill();
  });

  it('404 for an unknown plan, 409 for a plan not finished, in the error shape', async () => {
    const unknown = await stack.api.request('GET', '/v1/plans/nope/routes.geojson');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const queued = await stack.api.request('POST', '/v1/plans', day({ a: PLACES.bellecour }, [EV('EV-1')]));
    const early = await stack.api.request('GET', `/v1/plans/${queued.body.id}/routes.geojson`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'plan_not_finished' });
    expect(early.body.error.message).toMatch(/is queued/);
  });
});
