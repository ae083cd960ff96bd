import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsrmClient, OsrmError } from '../../src/distances/osrm/client.ts';
import { type FakeOsrm, startFakeOsrm } from './fakeOsrm.ts';

const LYON = [
  { lat: 45.7578, lon: 4.832 },
  { lat: 45.7485, lon: 4.8467 },
  { lat: 45.7719, lon: 4.8902 },
];
/** North of 46° is an island in the fake network. */
const ISLAND = { lat: 46.2, lon: 4.8 };

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm({ maxTableSize: 2, island: (_lon, lat) => lat > 46 });
});
afterAll(() => osrm.close());

function client(overrides: Partial<ConstructorParameters<typeof OsrmClient>[0]> = {}) {
  return new OsrmClient({
    endpoint: { baseUrl: osrm.url, profile: 'driving' },
    timeoutMs: 2000,
    retries: 2,
    backoffMs: 5,
    ...overrides,
  });
}

async function failure(p: Promise<unknown>): Promise<OsrmError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OsrmError);
    return e as OsrmError;
  }
  throw new Error('expected the request to fail');
}

function reset() {
  osrm.requests.length = 0;
  osrm.faults.length = 0;
  osrm.always = null;
}

describe('OSRM v5 client: table and route', () => {
  it('asks the table service for durations and distances with sources and destinations', async () => {
    reset();
    const answer = await client().table(LYON.slice(0, 3), [0, 1], [2]);
    expect(answer.code).toBe('Ok');
    expect(answer.durations).toHaveLength(2);
    expect(answer.distances[0]).toHaveLength(1);
    expect(answer.distances[0][0]).toBeGreaterThan(1000);
    expect(answer.sources[1].location).toEqual([4.8467, 45.74851]);
    // generate_hints=false: OSRM then leaves the base64 hints out of the answer.
    expect(answer.sources[0]).not.toHaveProperty('hint');
    const url = osrm.requests[0].url;
    expect(url).toMatch(
      /^\/table\/v1\/driving\/4\.832000,45\.757800;4\.846700,45\.748500;4\.890200,45\.771900\?annotations=duration,distance&generate_hints=false&sources=0;1&destinations=2$/,
    );
  });

  it('gets a route with its full GeoJSON geometry, legs and waypoints', async () => {
    reset();
    const answer = await client().route(LYON);
    const route = answer.routes[0];
    expect(route.legs).toHaveLength(2);
    expect(route.geometry.type).toBe('LineString');
    expect(route.geometry.coordinates[0]).toEqual(answer.waypoints[0].location);
    expect(route.geometry.coordinates.at(-1)).toEqual(answer.waypoints[2].location);
    expect(osrm.requests[0].url).toContain('overview=full&geometries=geojson');
  });
});

describe('OSRM errors that a retry would not fix are reported at once', () => {
  it('TooBig (sources × destinations above max-table-size²) → HTTP 400, not retried', async () => {
    reset();
    const e = await failure(client().table(LYON));
    expect(e).toMatchObject({ kind: 'osrm', code: 'TooBig', status: 400, transient: false, attempts: 1 });
    expect(e.message).toBe('OSRM TooBig: Too many table coordinates');
    expect(osrm.requests).toHaveLength(1);
  });

  it('NoRoute from the route service', async () => {
    reset();
    const e = await failure(client().route([LYON[0], ISLAND]));
    expect(e).toMatchObject({ code: 'NoRoute', status: 400, transient: false });
    expect(e.message).toContain('Impossible route between points');
    expect(osrm.requests).toHaveLength(1);
  });

  it('InvalidQuery is not retried', async () => {
    reset();
    osrm.faults.push({ kind: 'code', code: 'InvalidQuery', message: 'Query string malformed close to position 77' });
    const e = await failure(client().table(LYON.slice(0, 2)));
    expect(e).toMatchObject({ code: 'InvalidQuery', transient: false, attempts: 1 });
  });

  it('InvalidUrl: what OSRM 5 answers to the v4 API of osrm-client 0.0.9, and to a wrong base path', async () => {
    reset();
    const v4 = await fetch(`${osrm.url}/viaroute?loc=45.7578,4.832&loc=45.7485,4.8467`);
    expect(v4.status).toBe(400);
    expect(await v4.json()).toMatchObject({ code: 'InvalidUrl' });
    const e = await failure(client({ endpoint: { baseUrl: `${osrm.url}/osrm`, profile: 'driving' } }).table(LYON));
    expect(e).toMatchObject({ code: 'InvalidUrl', transient: false, attempts: 1 });
  });

  it('a 200 answer that is not OSRM JSON (a proxy page) is a protocol error', async () => {
    reset();
    osrm.faults.push({ kind: 'html' });
    const e = await failure(client().table(LYON.slice(0, 2)));
    expect(e).toMatchObject({ kind: 'protocol', transient: false });
  });
});

describe('transient failures are retried with backoff', () => {
  it('5xx twice, then the answer', async () => {
    reset();
    osrm.faults.push({ kind: 'status', status: 503 }, { kind: 'status', status: 502 });
    const answer = await client().table(LYON.slice(0, 2));
    expect(answer.durations[0][1]).toBeGreaterThan(0);
    expect(osrm.requests).toHaveLength(1); // the server only logs requests it answered
  });

  it('a slow answer times out and the retry succeeds', async () => {
    reset();
    osrm.faults.push({ kind: 'slow', ms: 1500 });
    const answer = await client({ timeoutMs: 150 }).table(LYON.slice(0, 2));
    expect(answer.code).toBe('Ok');
  });

  it('always slow: a timeout error after every attempt', async () => {
    reset();
    osrm.always = { kind: 'slow', ms: 1500 };
    const e = await failure(client({ timeoutMs: 100, retries: 1 }).table(LYON.slice(0, 2)));
    expect(e).toMatchObject({ kind: 'timeout', transient: true, attempts: 2 });
    expect(e.message).toMatch(/no answer within 100 ms \(2 attempts\)/);
  });

  it('a connection reset before the answer is retried', async () => {
    reset();
    osrm.faults.push({ kind: 'reset' });
    expect((await client().table(LYON.slice(0, 2))).code).toBe('Ok');
  });

  it('a connection dropped in the middle of the body is retried', async () => {
    reset();
    osrm.faults.push({ kind: 'drop' });
    expect((await client().table(LYON.slice(0, 2))).code).toBe('Ok');
  });

  it('dropped every time: a network error naming the cause', async () => {
    reset();
    osrm.always = { kind: 'drop' };
    const e = await failure(client({ retries: 1 }).table(LYON.slice(0, 2)));
    expect(e).toMatchObject({ kind: 'network', transient: true, attempts: 2 });
  });

  it('nobody listening: connection refused, retried, then reported', async () => {
    const gone = await startFakeOsrm();
    await gone.close();
    const e = await failure(
      new OsrmClient({
        endpoint: { baseUrl: gone.url, profile: 'driving' },
        timeoutMs: 500,
        retries: 1,
        backoffMs: 1,
      }).table(LYON.slice(0, 2)),
    );
    expect(e.kind).toBe('network');
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('an abandoned request stops without retrying', async () => {
    reset();
    osrm.always = { kind: 'slow', ms: 1500 };
    const stop = new AbortController();
    const pending = client({ retries: 5 }).table(LYON.slice(0, 2), undefined, undefined, stop.signal);
    setTimeout(() => stop.abort(), 50);
    const e = await failure(pending);
    expect(e).toMatchObject({ kind: 'aborted', transient: false });
  });
});
