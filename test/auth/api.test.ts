/**
 * Keys, roles and rate limits over HTTP, on the real API (real store, real Redis): every endpoint
 * refuses a missing or bad key, every role gets exactly what the policy table gives it, limits
 * answer 429 with Retry-After, and keys made by `tournee keys` work until revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyFor } from '../../src/auth/policy.ts';
import type { Role } from '../../src/auth/roles.ts';
import { solved, storePlan } from '../feedback/fixtures.ts';
import { startTournee } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';

const ROLES: Role[] = ['planner', 'driver', 'manager', 'admin'];
const as = (key: string) => ({ authorization: `Bearer ${key}` });

/** Every endpoint, with a body that is refused after the role check (so nothing is queued or stored). */
const ENDPOINTS: [string, string, unknown?][] = [
  ['GET', '/v1/me'],
  ['POST', '/v1/plans', {}],
  ['GET', '/v1/plans'],
  ['GET', '/v1/plans/p1'],
  ['GET', '/v1/plans/p1/result'],
  ['GET', '/v1/plans/p1/request'],
  ['GET', '/v1/plans/p1/routes.geojson'],
  ['DELETE', '/v1/plans/nope'],
  ['GET', '/v1/ledger'],
  ['GET', '/v1/drivers/driver-tr12/routes?date=2026-12-01'],
  ['POST', '/v1/feedback', {}],
  ['GET', '/v1/feedback'],
  ['GET', '/v1/feedback/fb-none'],
  ['GET', '/v1/constraints'],
  ['GET', '/v1/constraints/lc-none'],
  ['POST', '/v1/constraints/lc-none/accept'],
  ['POST', '/v1/constraints/lc-none/reject'],
  ['POST', '/v1/constraints/lc-none/expire'],
  ['GET', '/v1/nothing-here'],
];

describe('with the default limits', () => {
  let stack: StartedApi;
  const keys = {} as Record<Role, string>;
  beforeAll(async () => {
    // Each endpoint is tried with bad keys below: more than the default 30 a minute from one address.
    stack = await startApiWithRedis({ TOURNEE_RATE_AUTH_FAILURES_PER_MINUTE: '1000' });
    for (const role of ROLES) keys[role] = stack.api.createKey(role, role === 'driver' ? 'driver-tr12' : undefined);
    const day = await solved();
    storePlan(stack.api.server.deps.store, 'p1', day.request, day.result);
  });
  afterAll(async () => {
    await stack?.close();
  });
  const call = (method: string, path: string, key: string | null, body?: unknown) =>
    stack.api.request(method, path, body, { authorization: key === null ? '' : key });

  it('leaves /healthz and /openapi.json public', async () => {
    expect((await call('GET', '/healthz', null)).status).toBe(200);
    const doc = await call('GET', '/openapi.json', null);
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/v1/plans'].post['x-roles']).toEqual(['planner', 'admin']);
    expect(doc.body.paths['/v1/feedback'].post['x-roles']).toEqual(['driver', 'admin']);
    expect(doc.body.paths['/healthz'].get.security).toEqual([]);
    expect(doc.body.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.body.components.schemas.FeedbackRequest.oneOf).toHaveLength(6);
  });

  it.each(ENDPOINTS)(
    '%s %s: 401 without a key, with a bad key, with a malformed header',
    async (method, path, body) => {
      const none = await call(method, path, null, body);
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('missing_key');
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const bad = await call(method, path, `Bearer tk_${'x'.repeat(43)}`, body);
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('invalid_key');
      expect((await call(method, path, `Basic ${keys.admin}`, body)).status).toBe(401);
    },
  );

  it.each(ROLES)('a %s key gets 403 exactly where the policy says, and is let through elsewhere', async (role) => {
    for (const [method, path, body] of ENDPOINTS) {
      const res = await call(method, path, `Bearer ${keys[role]}`, body);
      const entry = policyFor(method, path.split('?')[0]!);
      const allowed = entry.access !== 'public' && entry.access.includes(role);
      const label = `${role} ${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      if (allowed) expect(res.status, label).not.toBe(403);
      else expect(res.status, label).toBe(403);
      expect(res.status, label).not.toBe(401);
      if (res.status === 403) expect(res.body.error.code).toBe('forbidden');
    }
    // Nothing was stored by any of it: the only plan is the fixture, no report, no constraint.
    const store = stack.api.server.deps.store;
    expect(store.plans.list(10).map((p) => p.id)).toEqual(['p1']);
    expect(store.feedback.list({}, 10)).toEqual([]);
  });

  it('says who the key is', async () => {
    for (const role of ROLES) {
      const me = await call('GET', '/v1/me', `Bearer ${keys[role]}`);
      expect(me.body).toMatchObject({ role, driverId: role === 'driver' ? 'driver-tr12' : null });
    }
  });

  it('a driver reads only their own routes and reports', async () => {
    const d = `Bearer ${keys.driver}`;
    expect((await call('GET', '/v1/drivers/driver-ev1/routes?date=2026-12-01', d)).status).toBe(403);
    const mine = await call('GET', '/v1/drivers/me/routes?date=2026-12-01', d);
    expect(mine.status).toBe(200);
    expect(mine.body.routes.map((r: { planId: string }) => r.planId)).toEqual(['p1']);
    expect((await call('GET', '/v1/drivers/me/routes', `Bearer ${keys.planner}`)).body.error.code).toBe('no_driver');
    expect((await call('GET', '/v1/drivers/me/routes?date=2026-13-01', d)).body.error.code).toBe('invalid_query');
    expect((await call('GET', '/v1/feedback?driverId=driver-ev1', d)).status).toBe(403);

    const store = stack.api.server.deps.store;
    const route = store.plans.result('p1') as { routes: { vehicleId: string; stops: { orderId: string }[] }[] };
    const truck = route.routes.find((r) => r.vehicleId === 'TR-12')!;
    const report = {
      kind: 'service_time',
      planId: 'p1',
      vehicleId: 'TR-12',
      orderId: truck.stops[0]!.orderId,
      actualMinutes: 6,
    };
    const posted = await call('POST', '/v1/feedback', d, report);
    expect(posted.status).toBe(201);
    expect(posted.headers.get('location')).toBe(`/v1/feedback/${posted.body.feedback.id}`);
    const other = stack.api.createKey('driver', 'driver-ev1');
    expect((await call('GET', posted.headers.get('location')!, `Bearer ${other}`)).status).toBe(403);
    expect((await call('GET', '/v1/feedback', `Bearer ${other}`)).body.items).toEqual([]);
    const seen = await call('GET', posted.headers.get('location')!, `Bearer ${keys.manager}`);
    expect(seen.body).toMatchObject({ kind: 'service_time', constraint: { status: 'active' }, outcome: 'created' });
    const byCustomer = await call(
      'GET',
      `/v1/constraints?customerId=${posted.body.constraint.scope.customerId}`,
      `Bearer ${keys.manager}`,
    );
    expect(byCustomer.body.items.map((c: { id: string }) => c.id)).toEqual([posted.body.constraint.id]);
    expect((await call('GET', '/v1/constraints?status=bogus', `Bearer ${keys.manager}`)).status).toBe(400);
  });

  it('refuses a report that is not JSON (415) or malformed (400 with paths), and stores nothing', async () => {
    const d = { authorization: `Bearer ${keys.driver}` };
    const before = stack.api.server.deps.store.feedback.list({}, 100).length;
    const text = await stack.api.request('POST', '/v1/feedback', 'kind=blocked_leg', {
      ...d,
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    const bad = await stack.api.request(
      'POST',
      '/v1/feedback',
      { kind: 'blocked_leg', planId: 'p1', vehicleId: 'TR-12', leg: { fromOrderId: 7 }, gps: { lat: 100, lon: 0 } },
      d,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_feedback');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['gps.lat', 'leg.fromOrderId', 'leg.toOrderId'].sort(),
    );
    const json = await stack.api.request('POST', '/v1/feedback', '{"kind":', {
      ...d,
      'content-type': 'application/json',
    });
    expect(json.status).toBe(400);
    const unknown = await stack.api.request(
      'POST',
      '/v1/feedback',
      { kind: 'too_many_stops', planId: 'p-none', vehicleId: 'TR-12' },
      d,
    );
    expect(unknown.status).toBe(404);
    expect(stack.api.server.deps.store.feedback.list({}, 100)).toHaveLength(before);
  });

  it('takes keys made by `tournee keys create` until `tournee keys revoke`', async () => {
    const env = { TOURNEE_DATA_DIR: stack.api.config.dataDir };
    const create = startTournee(['keys', 'create', '--role', 'manager', '--name', 'cli test'], env);
    expect(await create.exited, create.output()).toBe(0);
    const key = create
      .output()
      .split('\n')
      .find((l) => l.startsWith('tk_'))!;
    expect(key).toBeDefined();
    expect((await call('GET', '/v1/plans', `Bearer ${key}`)).status).toBe(200);
    expect((await call('POST', '/v1/plans', `Bearer ${key}`, {})).status).toBe(403);

    const list = startTournee(['keys', 'list', '--json'], env);
    expect(await list.exited).toBe(0);
    const listed = JSON.parse(list.output()) as { id: string; name: string; prefix: string }[];
    const mine = listed.find((k) => k.name === 'cli test')!;
    expect(key.startsWith(mine.prefix)).toBe(true);
    expect(list.output()).not.toContain(key);

    const revoke = startTournee(['keys', 'revoke', mine.id], env);
    expect(await revoke.exited, revoke.output()).toBe(0);
    const after = await call('GET', '/v1/plans', `Bearer ${key}`);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('revoked');
  });
});

describe('with low limits', () => {
  let stack: StartedApi;
  beforeAll(async () => {
    stack = await startApiWithRedis({
      TOURNEE_RATE_READ_PER_MINUTE: '4',
      TOURNEE_RATE_WRITE_PER_MINUTE: '2',
      TOURNEE_RATE_FEEDBACK_PER_HOUR: '2',
      TOURNEE_RATE_AUTH_FAILURES_PER_MINUTE: '3',
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 429 with Retry-After once a key spends a budget; other keys and budgets are untouched', async () => {
    const planner = as(stack.api.createKey('planner'));
    expect((await stack.api.request('POST', '/v1/plans', {}, planner)).status).toBe(400);
    expect((await stack.api.request('POST', '/v1/plans', {}, planner)).status).toBe(400);
    const limited = await stack.api.request('POST', '/v1/plans', {}, planner);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await stack.api.request('GET', '/v1/plans', undefined, planner)).status).toBe(200);
    const other = as(stack.api.createKey('planner'));
    expect((await stack.api.request('POST', '/v1/plans', {}, other)).status).toBe(400);

    const reads = [];
    for (let i = 0; i < 5; i++) reads.push((await stack.api.request('GET', '/v1/me', undefined, other)).status);
    expect(reads).toEqual([200, 200, 200, 200, 429]);
    expect((await stack.api.request('GET', '/healthz', undefined, { authorization: '' })).status).toBe(200);
  });

  it('limits a driver to the feedback budget per hour', async () => {
    const driver = as(stack.api.createKey('driver', 'driver-ev1'));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await stack.api.request('POST', '/v1/feedback', {}, driver)).status);
    expect(statuses).toEqual([400, 400, 429]);
    const retry = await stack.api.request('POST', '/v1/feedback', {}, driver);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('slows down an address that keeps sending bad keys, without refusing valid keys', async () => {
    const bad = { authorization: `Bearer tk_${'y'.repeat(43)}` };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await stack.api.request('GET', '/v1/plans', undefined, bad)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const flood = await stack.api.request('GET', '/v1/plans', undefined, { authorization: 'Bearer guess' });
    expect(flood.status).toBe(429);
    expect(flood.body.error.message).toMatch(/bad API keys/);
    expect((await stack.api.request('GET', '/v1/plans')).status).toBe(200);
  });
});
