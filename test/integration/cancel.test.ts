/**
 * Stopping solves: cancel of a queued plan (removed at once) and of a running one (stops within
 * 2 s and keeps its best plan), the compute cap lowered by configuration, and the last-resort
 * timer for a solve that does not stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDay } from '../support/days.ts';
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
const submit = (body: unknown) => stack.submit(body);
const finished = (id: string, timeoutMs = 60_000) => stack.finished(id, timeoutMs, 50);

describe('cancel', () => {
  it('removes a queued plan from the queue at once', async () => {
    const id = await submit(smallDay(10, 5));
    expect(await stack.queue.getJob(id)).toBeTruthy();
    const res = await stack.api.request('DELETE', `/v1/plans/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.history.at(-1)).toMatchObject({ status: 'cancelled', detail: 'cancelled before it started' });
    expect(await stack.queue.getJob(id)).toBeUndefined();
    const result = await stack.api.request('GET', `/v1/plans/${id}/result`);
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('no_result');
    // Cancelling twice is harmless; a finished plan cannot be cancelled.
    expect((await stack.api.request('DELETE', `/v1/plans/${id}`)).status).toBe(200);
  });

  it('stops a running solve within 2 s and keeps the best plan found so far', async () => {
    const worker = await stack.startWorker();
    const id = await submit(smallDay(30, 120));
    await waitUntil('the solve to report a plan', async () => {
      const s = await status(id);
      return s.status === 'running' && s.bestObjective !== null;
    });
    const t0 = Date.now();
    const res = await stack.api.request('DELETE', `/v1/plans/${id}`);
    expect([200, 202]).toContain(res.status);
    const done = await finished(id, 10_000);
    const stoppedAfter = Date.now() - t0;
    expect(done.status).toBe('cancelled');
    expect(stoppedAfter).toBeLessThanOrEqual(2000);
    expect(done.cancelRequested).toBe(true);
    const result = await stack.api.request('GET', `/v1/plans/${id}/result`);
    expect(result.status).toBe(200);
    expect(result.body.solve.stoppedBy).toBe('cancel');
    expect(result.body.routes.length).toBeGreaterThan(0);
    const finishedPlan = await stack.api.request('DELETE', `/v1/plans/${id}`);
    expect(finishedPlan.status).toBe(200);

    // The worker is free again and takes the next plan.
    const next = await submit(smallDay(5, 1));
    expect((await finished(next)).status).toBe('succeeded');
    expect((await stack.api.request('DELETE', `/v1/plans/${next}`)).status).toBe(409);
    await worker.kill();
  });
});

describe('the compute cap', () => {
  it('stops a solve at the cap set by configuration and returns its best plan marked stoppedBy "cap"', async () => {
    const worker = await stack.startWorker({ TOURNEE_CAP_SECONDS: '2' });
    const id = await submit(smallDay(20, 60));
    const done = await finished(id, 30_000);
    expect(done.status, JSON.stringify(done.history)).toBe('succeeded');
    const result = (await stack.api.request('GET', `/v1/plans/${id}/result`)).body;
    expect(result.solve.stoppedBy).toBe('cap');
    // The search stopped at the 2 s cap, far from the 60 s the request asked for.
    expect(result.solve.elapsedMs).toBeLessThan(4000);
    expect(result.routes.length).toBeGreaterThan(0);
    await worker.kill();
  });

  it('terminates a solve that ignores the cap and fails the plan with a clear message', async () => {
    const worker = await stack.startWorker({
      TOURNEE_CAP_SECONDS: '1',
      TOURNEE_CAP_GRACE_SECONDS: '1',
      TOURNEE_SOLVE_MODULE: 'test/support/stubbornSolve.ts',
    });
    const id = await submit(smallDay(5, 30));
    const done = await finished(id, 30_000);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/did not stop at the 1 s compute cap; it was terminated/);
    const result = await stack.api.request('GET', `/v1/plans/${id}/result`);
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('plan_failed');
    await worker.kill();
  });
});
