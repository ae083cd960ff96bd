/** /healthz asks the real dependencies, and our own faults still answer in the error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../support/api.ts';
import { smallDay } from '../support/days.ts';
import { freePort } from '../support/redis.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';

let stack: StartedApi;
beforeAll(async () => {
  stack = await startApiWithRedis();
});
afterAll(async () => {
  await stack?.close();
});

describe('when the store fails', () => {
  it('/healthz answers 503 and names the store; other calls answer 500 in the error shape without details', async () => {
    expect((await stack.api.request('GET', '/healthz')).status).toBe(200);
    stack.api.server.deps.store.close();

    const health = await stack.api.request('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.body.error.code).toBe('unhealthy');
    expect(health.body.error.message).toMatch(/^store: /);
    expect(health.body.checks.redis.ok).toBe(true);
    expect(health.body.checks.store.ok).toBe(false);

    const list = await stack.api.request('GET', '/v1/plans');
    expect(list.status).toBe(500);
    expect(list.body).toEqual({ error: { code: 'internal', message: expect.stringContaining('server log') } });
  });
});

describe('when Redis has never been reachable', () => {
  it('the API still starts; POST answers 503 at once and stores nothing; /healthz names redis', async () => {
    const api = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      const t0 = Date.now();
      const res = await api.request('POST', '/v1/plans', smallDay(3, 1));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('queue_unavailable');
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect((await api.request('GET', '/v1/plans')).body.items).toEqual([]);
      const health = await api.request('GET', '/healthz');
      expect(health.status).toBe(503);
      expect(health.body.error.message).toMatch(/^redis: not reachable/);
    } finally {
      await api.close();
    }
  });
});
