/**
 * Every client mistake gets a 4xx in the one error shape, with the JSON path of each bad field,
 * and leaves no trace: no plan stored, no job queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDay } from '../support/days.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';

let stack: StartedApi;

beforeAll(async () => {
  stack = await startApiWithRedis();
});
afterAll(async () => {
  await stack?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the table mutates arbitrary request fields
type Body = any;
const day = (): Body => structuredClone(smallDay(12, 1));
const mutate = (fn: (b: Body) => void): Body => {
  const b = day();
  fn(b);
  return b;
};

/** [what, body, exact list of issue paths] */
const BAD_BODIES: [string, Body, string[]][] = [
  ['an array instead of an object', [], ['$']],
  ['orders missing', mutate((b) => delete b.orders), ['orders']],
  ['no orders at all', mutate((b) => (b.orders = [])), ['orders']],
  ['a negative demand', mutate((b) => (b.orders[3].demand.kg = -5)), ['orders[3].demand.kg']],
  ['a latitude off the globe', mutate((b) => (b.orders[1].location.lat = 91)), ['orders[1].location.lat']],
  ['a number given as a string', mutate((b) => (b.orders[2].location.lon = '4.8')), ['orders[2].location.lon']],
  ['an unknown depot', mutate((b) => (b.vehicles[0].startDepot = 'nowhere')), ['vehicles[0].startDepot']],
  [
    'a window that ends before it starts',
    mutate((b) => (b.orders[2].timeWindows = [{ start: '14:00', end: '10:00' }])),
    ['orders[2].timeWindows[0].end'],
  ],
  ['a clock time that is not one', mutate((b) => (b.vehicles[1].shift.start = '7h30')), ['vehicles[1].shift.start']],
  ['a duplicate order id', mutate((b) => (b.orders[5].id = b.orders[0].id)), ['orders[5].id']],
  ['a demand no vehicle can carry', mutate((b) => (b.orders[0].demand.kg = 99_999)), ['orders[0].demand.kg']],
  [
    'a demand in a dimension no vehicle has',
    mutate((b) => (b.orders[4].demand.pallets = 2)),
    ['orders[4].demand.pallets'],
  ],
  ['an unknown field', mutate((b) => (b.orders[0].colour = 'red')), ['orders[0]']],
  ['a date that does not exist', mutate((b) => (b.date = '2026-02-30')), ['date']],
  ['an unknown timezone', mutate((b) => (b.timezone = 'Mars/Olympus_Mons')), ['timezone']],
  ['a time limit above the cap', mutate((b) => (b.settings.timeLimitSeconds = 601)), ['settings.timeLimitSeconds']],
  [
    'an absurd number of orders',
    mutate((b) => (b.orders = Array.from({ length: 5001 }, (_, i) => ({ ...b.orders[0], id: `o${i}` })))),
    ['orders'],
  ],
  [
    'several mistakes at once',
    mutate((b) => {
      b.orders[0].demand.kg = -1;
      b.vehicles[2].capacity.kg = 'lots';
      b.depots[0].location.lon = 200;
    }),
    ['depots[0].location.lon', 'vehicles[2].capacity.kg', 'orders[0].demand.kg'],
  ],
];

describe('POST /v1/plans with a bad body', () => {
  it.each(BAD_BODIES)('%s → 400 with the path of each bad field', async (_what, body, paths) => {
    const res = await stack.api.request('POST', '/v1/plans', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([...paths].sort());
    for (const i of res.body.error.issues) expect(i.message.length).toBeGreaterThan(3);
  });

  it('gives each issue as a readable path and a JSON pointer', async () => {
    const res = await stack.api.request(
      'POST',
      '/v1/plans',
      mutate((b) => (b.orders[3].demand.kg = -5)),
    );
    expect(res.body.error.issues[0]).toMatchObject({ path: 'orders[3].demand.kg', pointer: '/orders/3/demand/kg' });
  });

  it('reports an overflowing number (1e999 parses as Infinity) at its path', async () => {
    const text = JSON.stringify(day()).replace(/"lat":45\.[0-9]+/, '"lat":1e999');
    const res = await stack.api.request('POST', '/v1/plans', text);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['depots[0].location.lat']);
  });

  it.each([
    ['broken JSON', '{"date": "2026-12-01", orders: []}'],
    ['NaN, which JSON does not have', JSON.stringify(day()).replace(/"lat":45\.[0-9]+/, '"lat":NaN')],
    ['an empty body', ''],
  ])('%s → 400 invalid_json', async (_what, text) => {
    const res = await stack.api.request('POST', '/v1/plans', text);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await stack.api.request('POST', '/v1/plans', 'date=2026-12-01', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses a body over the limit (8 MB by default) with 413', async () => {
    const huge = JSON.stringify({ ...day(), name: 'x'.repeat(9 * 1024 * 1024) });
    const res = await stack.api.request('POST', '/v1/plans', huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('8mb');
  });
});

describe('other client mistakes', () => {
  it.each([
    ['GET', '/v1/plans/no-such-plan', 404, 'not_found'],
    ['GET', '/v1/plans/no-such-plan/result', 404, 'not_found'],
    ['DELETE', '/v1/plans/no-such-plan', 404, 'not_found'],
    ['GET', '/v1/nothing-here', 404, 'not_found'],
    ['PUT', '/v1/plans', 404, 'not_found'],
    ['GET', '/v1/plans?limit=0', 400, 'invalid_query'],
    ['GET', '/v1/plans?limit=abc', 400, 'invalid_query'],
    ['GET', '/v1/plans?limit=1&limit=2', 400, 'invalid_query'],
    ['GET', '/v1/plans?cursor=not-a-cursor', 400, 'invalid_query'],
    ['GET', '/v1/plans/%E0%A4%A', 400, 'bad_request'],
  ])('%s %s → %i %s', async (method, path, status, code) => {
    const res = await stack.api.request(method, path);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(5);
  });
});

describe('a refused request leaves no trace', () => {
  it('stored nothing and queued nothing after all the bad requests above', async () => {
    const list = await stack.api.request('GET', '/v1/plans');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const counts = await stack.queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
