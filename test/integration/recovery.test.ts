/**
 * Nothing is lost and nothing stays stuck: a worker killed with SIGKILL mid-solve, a Redis
 * restart with a queued plan, a Redis that lost its data, and results that arrive while the API
 * is down.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../support/api.ts';
import { smallDay } from '../support/days.ts';
import { childPids, isAlive, waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';
import { tempDir } from '../support/tempDir.ts';

let stack: StartedApi;
beforeAll(async () => {
  stack = await startApiWithRedis();
});
afterAll(async () => {
  await stack?.close();
});

const status = (id: string) => stack.status(id);
const submit = (body: unknown) => stack.submit(body);
const finished = (id: string, timeoutMs = 60_000) => stack.finished(id, timeoutMs, 100);

describe('a worker killed with SIGKILL mid-solve', () => {
  it('leaves no orphan computing, and another worker takes the plan up and completes it', async () => {
    const first = await stack.startWorker();
    const id = await submit(smallDay(20, 4));
    await waitUntil('the solve to be under way', async () => {
      const s = await status(id);
      return s.status === 'running' && s.progress !== null;
    });
    const sandboxes = childPids(first.pid);
    expect(sandboxes.length).toBeGreaterThan(0);
    const second = await stack.startWorker();

    await first.kill('SIGKILL');
    // The sandbox child notices its worker is gone and exits instead of computing on.
    await waitUntil('the orphaned sandbox to exit', () => sandboxes.every((pid) => !isAlive(pid)), 10_000);

    const done = await finished(id);
    expect(done.status, JSON.stringify(done.history)).toBe('succeeded');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const statuses = done.history.map((h: { status: string }) => h.status);
    // Taken up again after the loss (a heavily loaded machine may add a spurious stall, never a lost plan).
    expect(statuses.slice(0, 4)).toEqual(['queued', 'running', 'queued', 'running']);
    expect(statuses.at(-1)).toBe('succeeded');
    const result = await stack.api.request('GET', `/v1/plans/${id}/result`);
    expect(result.status).toBe(200);
    expect(result.body.routes.length).toBeGreaterThan(0);
    await second.kill();
  });
});

describe('Redis', () => {
  it('keeps a queued plan across a restart (AOF), and the plan then completes', async () => {
    const id = await submit(smallDay(8, 1));
    await stack.redis.stop('SIGTERM');
    const down = await stack.api.request('GET', '/healthz');
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('unhealthy');
    expect(down.body.error.message).toMatch(/^redis: /);
    expect(down.body.checks.store.ok).toBe(true);
    const refused = await stack.api.request('POST', '/v1/plans', smallDay(3, 1));
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('queue_unavailable');

    await stack.redis.start();
    await waitUntil(
      'Redis to be healthy again',
      async () => (await stack.api.request('GET', '/healthz')).status === 200,
    );
    const worker = await stack.startWorker();
    const done = await finished(id);
    expect(done.status).toBe('succeeded');
    // The job itself survived: the plan was not re-queued from the store.
    expect(JSON.stringify(done.history)).not.toContain('queue had lost');
    // The refused plan left no trace.
    const list = await stack.api.request('GET', '/v1/plans?limit=100');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(refused.body.id);
    await worker.kill();
  });

  it('re-queues from the store a plan whose job Redis lost, and completes it', async () => {
    const id = await submit(smallDay(8, 1));
    await stack.redis.stop('SIGKILL');
    for (const f of ['appendonlydir', 'dump.rdb'])
      rmSync(path.join(stack.redis.dir, f), { recursive: true, force: true });
    await stack.redis.start();
    await new Promise((r) => setTimeout(r, 2100)); // a plan younger than 2 s may still be on its way to the queue
    await waitUntil(
      'the API to reach Redis again',
      async () => (await stack.api.request('GET', '/healthz')).status === 200,
    );
    const report = await stack.api.server.deps.persistence!.reconcile();
    expect(report.requeued).toBe(1);
    const worker = await stack.startWorker();
    const done = await finished(id);
    expect(done.status).toBe('succeeded');
    expect(JSON.stringify(done.history)).toContain('the queue had lost this plan; queued again');
    await worker.kill();
  });
});

describe('results that arrive while the API is down', () => {
  it('are recorded by the start-up reconciliation', async () => {
    const data = tempDir('tournee-api-restart-');
    const env = { REDIS_URL: stack.redis.url, TOURNEE_QUEUE_PREFIX: `${stack.prefix}r`, TOURNEE_DATA_DIR: data.path };
    const api = await startTestApi(env);
    const id = (await api.request('POST', '/v1/plans', smallDay(8, 1))).body.id as string;
    await api.close(); // the API is gone: nobody listens to the queue events

    const worker = await stack.startWorker({ TOURNEE_QUEUE_PREFIX: `${stack.prefix}r` });
    await worker.waitFor(/plan succeeded/, 60_000);
    await worker.kill();

    const again = await startTestApi(env);
    const s = (await again.request('GET', `/v1/plans/${id}`)).body;
    expect(s.status).toBe('succeeded');
    expect((await again.request('GET', `/v1/plans/${id}/result`)).status).toBe(200);
    await again.close();
    data.remove();
  });
});
