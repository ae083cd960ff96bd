/**
 * A plan's life through the real spine: API in this process, a real Redis, `tournee worker`
 * child processes; submit → progress → result, listing, health, OpenAPI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { sampleDay, smallDay } from '../support/days.ts';
import { waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';

let stack: StartedApi;
beforeAll(async () => {
  stack = await startApiWithRedis();
});
afterAll(async () => {
  await stack?.close();
});

const status = (id: string) => stack.status(id);
const finished = (id: string, timeoutMs = 60_000) => stack.finished(id, timeoutMs, 100);

describe('submit → progress → result', () => {
  it('plans the Lyon sample day with the real solver; the plan passes the independent checker', async () => {
    const worker = await stack.startWorker({ TOURNEE_SOLVE_MODULE: '' });
    const body = { ...sampleDay(), settings: { timeLimitSeconds: 5, seed: 1, frugalStop: false, lp: true } };
    const res = await stack.api.request('POST', '/v1/plans', body);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    expect(res.headers.get('location')).toBe(`/v1/plans/${res.body.id}`);

    const done = await finished(res.body.id);
    expect(done.status, JSON.stringify(done.history)).toBe('succeeded');
    expect(done.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'running', 'succeeded']);
    expect(done.attempts).toBe(1);
    expect(done.elapsedMs).toBeGreaterThan(0);

    const result = await stack.api.request('GET', `/v1/plans/${res.body.id}/result`);
    expect(result.status).toBe(200);
    const plan = result.body as PlanResult;
    const request = parsePlanRequest(body);
    if (!request.ok) throw new Error('sample day invalid');
    expect(checkPlan(request.value as PlanRequest, plan)).toEqual([]);
    const placed = plan.routes
      .flatMap((r) => r.stops.map((s) => s.orderId))
      .concat(plan.unassigned.map((u) => u.orderId));
    expect(placed.sort()).toEqual(request.value.orders.map((o) => o.id).sort());
    expect(done.bestObjective).toBeCloseTo(plan.solve.objectiveValue, 6);
    await worker.kill();
  });

  it('reports progress at least every second while a plan runs', async () => {
    const worker = await stack.startWorker();
    const res = await stack.api.request('POST', '/v1/plans', smallDay(20, 5));
    const id = res.body.id as string;
    await waitUntil('the plan to run', async () => (await status(id)).status === 'running', 30_000);
    const seen = new Map<string, { elapsedMs: number; bestObjective: number | null }>();
    type Snapshot = { at: string; elapsedMs: number; bestObjective: number | null };
    let last: { status: string; progress: Snapshot | null } = { status: 'running', progress: null };
    while (last.status === 'running') {
      last = await status(id);
      const p = last.progress;
      if (p && last.status === 'running') seen.set(p.at, p);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(last.status).toBe('succeeded');
    const snapshots = [...seen.values()];
    // A 5 s solve reported at least every second gives at least 4 distinct snapshots while running.
    expect(snapshots.length).toBeGreaterThanOrEqual(4);
    const elapsed = snapshots.map((s) => s.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(snapshots.at(-1)!.bestObjective).not.toBeNull();
    await worker.kill();
  });

  it('answers 409 for the result of a plan that has not finished', async () => {
    const res = await stack.api.request('POST', '/v1/plans', smallDay(5, 1));
    const early = await stack.api.request('GET', `/v1/plans/${res.body.id}/result`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('plan_not_finished');
    expect(early.body.error.message).toContain('queued');
    await stack.api.request('DELETE', `/v1/plans/${res.body.id}`);
  });
});

describe('listing, health and the API description', () => {
  it('pages through plans newest first with an opaque cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stack.api.request('POST', '/v1/plans', smallDay(3, 1))).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await stack.api.request('GET', `/v1/plans?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(pages).toBe(Math.ceil(seen.length / 2));
    for (const id of ids) await stack.api.request('DELETE', `/v1/plans/${id}`);
  });

  it('says healthy only after really asking Redis and SQLite', async () => {
    const res = await stack.api.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body.checks.redis.ok).toBe(true);
    expect(res.body.checks.store.ok).toBe(true);
  });

  it('serves an OpenAPI document generated from the request schema', async () => {
    const res = await stack.api.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const schemas = res.body.components.schemas;
    expect(schemas.PlanRequest.required).toEqual(expect.arrayContaining(['date', 'depots', 'vehicles', 'orders']));
    expect(schemas.PlanRequest.properties.orders.items).toEqual({ $ref: '#/components/schemas/Order' });
    expect(schemas.Order.properties.timeWindows.maxItems).toBe(8);
    expect(schemas.Error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/plans', '/v1/plans/{id}', '/v1/plans/{id}/result', '/healthz']),
    );
  });
});
