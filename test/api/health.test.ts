/** /healthz asks the real dependencies, and our own faults still answer in the error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
