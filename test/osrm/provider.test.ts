/** OSRM as a matrix provider: configuration, profiles, cache, road lines, and the great-circle fallback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaversineProvider } from '../../src/distances/haversine.ts';
import { MemoryMatrixCache } from '../../src/distances/osrm/cache.ts';
import { loadOsrmSettings, OsrmConfigError } from '../../src/distances/osrm/config.ts';
import { FallbackProvider, OsrmProvider, providerFromEnv, StoreMatrixCache } from '../../src/distances/osrm/index.ts';
import { UNROUTABLE } from '../../src/distances/osrm/matrix.ts';
import { locateWaypoints } from '../../src/distances/osrm/provider.ts';
import type { Point } from '../../src/distances/provider.ts';
import type { VehicleSpec } from '../../src/model/schema.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { type FakeOsrm, startFakeOsrm } from './fakeOsrm.ts';

const van = { id: 'v', energy: { carrier: 'diesel', vehicleClass: 'van_n1' } } as VehicleSpec;
const ev = { id: 'e', energy: { carrier: 'electric', vehicleClass: 'evan_n1' } } as VehicleSpec;
const truck = { id: 't', energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' } } as VehicleSpec;

const POINTS: Point[] = [
  { lat: 45.6687, lon: 4.9019 },
  { lat: 45.7578, lon: 4.832 },
  { lat: 45.7485, lon: 4.8467 },
  { lat: 45.7719, lon: 4.8902 },
  { lat: 45.85, lon: 4.8 }, // on the island: no road to the others
];

let vans: FakeOsrm;
let trucks: FakeOsrm;
beforeAll(async () => {
  const island = (_lon: number, lat: number) => lat > 45.83;
  vans = await startFakeOsrm({ speed: 10, island });
  trucks = await startFakeOsrm({ speed: 6, island });
});
afterAll(async () => {
  await vans.close();
  await trucks.close();
});

const fast = { OSRM_RETRIES: '1', OSRM_BACKOFF_MS: '1', OSRM_TIMEOUT_MS: '2000', OSRM_CACHE: 'off' };

describe('configuration from the environment', () => {
  it('no OSRM URL: great-circle estimates', () => {
    expect(loadOsrmSettings({})).toBeNull();
    expect(providerFromEnv({})).toBeInstanceOf(HaversineProvider);
  });

  it('one URL for every profile, or one per profile, with their own path segment', () => {
    const one = loadOsrmSettings({ OSRM_URL: 'http://osrm:5000/' })!;
    expect(one.endpoints).toEqual({
      van: { baseUrl: 'http://osrm:5000', profile: 'driving' },
      truck: { baseUrl: 'http://osrm:5000', profile: 'driving' },
    });
    const two = loadOsrmSettings({
      OSRM_URL_VAN: 'http://osrm-van:5000',
      OSRM_URL_TRUCK: 'https://gw.example/osrm/',
      OSRM_PROFILE_TRUCK: 'truck',
      OSRM_MAX_TABLE_SIZE: '250',
    })!;
    expect(two.endpoints.truck).toEqual({ baseUrl: 'https://gw.example/osrm', profile: 'truck' });
    expect(two.endpoints.van?.profile).toBe('driving');
    expect(two.maxTableSize).toBe(250);
  });

  it('a bad value is named; plans still complete on the fallback, which says why', () => {
    expect(() => loadOsrmSettings({ OSRM_URL: 'osrm:5000' })).toThrow(OsrmConfigError);
    expect(() => loadOsrmSettings({ OSRM_URL: 'http://x', OSRM_MAX_TABLE_SIZE: 'lots' })).toThrow(
      'OSRM_MAX_TABLE_SIZE=lots: expected a whole number between 1 and 100000',
    );
    const p = providerFromEnv({ OSRM_URL: 'http://x', OSRM_CACHE: 'disk' });
    expect(p.name).toBe('haversine-fallback');
    expect(p.describe?.().note).toMatch(/OSRM_CACHE=disk: expected store, memory or off/);
  });
});

describe('OSRM provider', () => {
  const provider = (env: Record<string, string>, cache?: MemoryMatrixCache) =>
    new OsrmProvider(loadOsrmSettings({ ...fast, ...env })!, { cache });

  it('vans and trucks on their own servers: one matrix each, truck durations from the truck server', async () => {
    const p = provider({ OSRM_URL_VAN: vans.url, OSRM_URL_TRUCK: trucks.url });
    expect(p.profileKey(van)).toBe(p.profileKey(ev));
    expect(p.profileKey(truck)).not.toBe(p.profileKey(van));
    const v = await p.matrix(POINTS, p.profileKey(van));
    const t = await p.matrix(POINTS, p.profileKey(truck));
    expect(t.distance[1]).toBe(v.distance[1]);
    expect(t.duration[1]).toBeCloseTo((v.duration[1] * 10) / 6, 0);
    expect(p.describe().note).toMatch(/road distances and durations from OSRM/);
  });

  it('with one server, vans and trucks share one matrix and the note says so', () => {
    const p = provider({ OSRM_URL: vans.url });
    expect(p.profileKey(truck)).toBe(p.profileKey(van));
    expect(p.describe().note).toMatch(/van and truck share .*one road network/);
  });

  it('a truck profile without a server borrows the van server, and says so', () => {
    const p = provider({ OSRM_URL_VAN: vans.url });
    expect(p.profileKey(truck)).toBe(p.profileKey(van));
    expect(p.describe().note).toMatch(/no OSRM server for trucks \(OSRM_URL_TRUCK\)/);
  });

  it('knows which pairs have no road', async () => {
    const p = provider({ OSRM_URL: vans.url });
    const key = p.profileKey(van);
    const m = await p.matrix(POINTS, key);
    expect(m.distance[0 * 5 + 4]).toBe(UNROUTABLE);
    expect(p.noRoad(key, POINTS[0], POINTS[4])).toBe(true);
    expect(p.noRoad(key, POINTS[4], POINTS[0])).toBe(true);
    expect(p.noRoad(key, POINTS[0], POINTS[1])).toBe(false);
    expect(p.describe().note).toMatch(/8 pair\(s\) without a road route, treated as forbidden/);
  });

  it('caches by coordinate set and profile: the same places in another order are not fetched again', async () => {
    const cache = new MemoryMatrixCache();
    const p = provider({ OSRM_URL: vans.url }, cache);
    const key = p.profileKey(van);
    const first = await p.matrix(POINTS, key);
    const asked = vans.requests.length;
    const order = [3, 0, 4, 2, 1];
    const shuffled = order.map((i) => POINTS[i]);
    const second = await p.matrix(shuffled, key);
    expect(vans.requests.length).toBe(asked);
    expect(cache.size).toBe(1);
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        expect(second.distance[a * 5 + b]).toBe(first.distance[order[a] * 5 + order[b]]);
        expect(second.duration[a * 5 + b]).toBe(first.duration[order[a] * 5 + order[b]]);
      }
    }
    expect(p.describe().note).toMatch(/1 matrix\(es\) from the cache/);
    // Another server is another entry.
    const other = new OsrmProvider(loadOsrmSettings({ ...fast, OSRM_URL: trucks.url })!, { cache });
    await other.matrix(POINTS, other.profileKey(van));
    expect(cache.size).toBe(2);
  });

  it('caches in the store across providers (a new solve thread), with a TTL', async () => {
    const dir = tempDir('tournee-osrm-');
    try {
      const file = `${dir.path}/tournee.db`;
      const make = () =>
        new OsrmProvider(loadOsrmSettings({ ...fast, OSRM_URL: vans.url })!, {
          cache: new StoreMatrixCache(() => file),
        });
      const a = make();
      const fresh = await a.matrix(POINTS, a.profileKey(van));
      const asked = vans.requests.length;
      const b = make();
      const cached = await b.matrix(POINTS, b.profileKey(van));
      expect(vans.requests.length).toBe(asked);
      expect(cached.distance).toEqual(fresh.distance);
      expect(cached.duration).toEqual(fresh.duration);
      const store = openStore(file);
      expect(store.routingCache.get('nope', 1000)).toBeNull();
      expect(store.routingCache.prune(0)).toBe(1);
      store.close();
      const c = make();
      await c.matrix(POINTS, c.profileKey(van));
      expect(vans.requests.length).toBeGreaterThan(asked);
    } finally {
      dir.remove();
    }
  });

  it('the store keeps the newest cached matrices and forgets those past the TTL', () => {
    const dir = tempDir('tournee-osrm-');
    const store = openStore(`${dir.path}/tournee.db`);
    try {
      const m = (v: number) => ({
        distance: new Float64Array([0, v, v, 0]),
        duration: new Float64Array([0, v / 10, v / 10, 0]),
        unroutable: 0,
        snapMetres: new Float64Array([1.5, 2.5]),
      });
      for (const key of ['a', 'b', 'c']) store.routingCache.put(key, { profile: 'p', points: 2 }, m(key.charCodeAt(0)));
      expect(store.routingCache.get('b', 3_600_000)).toEqual(m(98));
      expect(store.routingCache.prune(3_600_000, 2)).toBe(1);
      expect(store.routingCache.prune(0)).toBe(2);
      expect(store.routingCache.get('c', 3_600_000)).toBeNull();
    } finally {
      store.close();
      dir.remove();
    }
  });

  it('draws a route line through every waypoint, in pieces of max-viaroute-size', async () => {
    const p = provider({ OSRM_URL: vans.url, OSRM_MAX_ROUTE_SIZE: '2' });
    vans.requests.length = 0;
    const line = await p.routeLine(p.profileKey(van), POINTS.slice(0, 4));
    expect(vans.requests.filter((r) => r.service === 'route')).toHaveLength(3);
    expect(line.waypointIndex).toHaveLength(4);
    line.waypointIndex.forEach((at, k) => {
      expect(line.coordinates[at][0]).toBeCloseTo(POINTS[k].lon, 5);
      expect(line.coordinates[at][1]).toBeCloseTo(POINTS[k].lat, 4);
    });
    // Manhattan legs: a corner between two stops, and pieces joined without repeating a stop.
    expect(line.coordinates.length).toBe(7);
    const q = provider({ OSRM_URL: vans.url });
    const whole = await q.routeLine(q.profileKey(van), POINTS.slice(0, 4));
    expect(whole).toEqual(line);
  });

  it('finds waypoints in order on a line that passes a place twice', () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [1, 0],
      [1, 1],
    ];
    expect(
      locateWaypoints(line, [
        [0, 0],
        [2, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toEqual([0, 2, 3, 4]);
  });
});

describe('great-circle fallback', () => {
  it('OSRM down (after retries): every profile falls back together and the plan is told why', async () => {
    trucks.always = { kind: 'status', status: 503 };
    try {
      const p = providerFromEnv({ ...fast, OSRM_URL_VAN: vans.url, OSRM_URL_TRUCK: trucks.url });
      expect(p).toBeInstanceOf(FallbackProvider);
      const keys = [p.profileKey(van), p.profileKey(truck)];
      const m = await p.matrix(POINTS, keys[0]);
      await p.matrix(POINTS, keys[1]);
      expect(p.name).toBe('haversine-fallback');
      // The van matrix is great-circle too, although its own server was fine: no mixing.
      const reference = await new HaversineProvider().matrix(POINTS, new HaversineProvider().profileKey(van));
      expect(m.distance).toEqual(reference.distance);
      const note = p.describe?.().note ?? '';
      expect(note).toMatch(/^OSRM unavailable, great-circle estimates used instead/);
      expect(note).toMatch(/HTTP 503 .*\(2 attempts\)/);
      expect((p as FallbackProvider).noRoad(keys[0], POINTS[0], POINTS[4])).toBe(false);
      await expect((p as FallbackProvider).routeLine(keys[0], POINTS)).rejects.toThrow(/no road geometry/);
    } finally {
      trucks.always = null;
    }
  });

  it('OSRM up: the fallback provider is OSRM, named so', async () => {
    const p = providerFromEnv({ ...fast, OSRM_URL: vans.url });
    const key = p.profileKey(van);
    const m = await p.matrix(POINTS, key);
    expect(p.name).toBe('osrm');
    expect(m.distance[1]).toBeGreaterThan(0);
    expect((p as FallbackProvider).noRoad(key, POINTS[0], POINTS[4])).toBe(true);
  });
});
