/**
 * The solve thread on its own: the stop flag reaches a busy search (cancel, cap), and a solve
 * that ignores it is terminated by the last-resort timer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanRequest } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { startSolve } from '../../workers/runSolve.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { smallDay } from '../support/days.ts';

const saved = process.env.TOURNEE_SOLVE_MODULE;
afterEach(() => {
  if (saved === undefined) delete process.env.TOURNEE_SOLVE_MODULE;
  else process.env.TOURNEE_SOLVE_MODULE = saved;
});

function request(orders: number, seconds: number): PlanRequest {
  const parsed = parsePlanRequest(smallDay(orders, seconds));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

describe('a solve in its worker thread', () => {
  it('stops on cancel with the best plan so far, while progress keeps coming', async () => {
    process.env.TOURNEE_SOLVE_MODULE = 'test/support/restartingSolve.ts';
    const progress: number[] = [];
    const run = startSolve(request(15, 120), {
      capSeconds: 600,
      graceSeconds: 10,
      progressEveryMs: 100,
      onProgress: (p) => progress.push(p.elapsedMs),
    });
    while (progress.length < 3) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    run.stop('cancel');
    const outcome = await run.done;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    expect(outcome.result.solve.stoppedBy).toBe('cancel');
    expect(run.stopRequested()).toBe('cancel');
    expect(run.latest()).not.toBeNull();
  });

  it('stops at the cap and says so', async () => {
    process.env.TOURNEE_SOLVE_MODULE = 'test/support/restartingSolve.ts';
    const run = startSolve(request(15, 120), { capSeconds: 1, graceSeconds: 10 });
    const outcome = await run.done;
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    expect(outcome.result.solve.stoppedBy).toBe('cap');
    expect(run.elapsedMs()).toBeLessThan(10_000);
  });

  it('terminates a solve that ignores the flag, after the grace period', async () => {
    process.env.TOURNEE_SOLVE_MODULE = 'test/support/stubbornSolve.ts';
    const run = startSolve(request(5, 60), { capSeconds: 0.5, graceSeconds: 0.5 });
    const outcome = await run.done;
    expect(outcome).toEqual({
      kind: 'terminated',
      message: expect.stringContaining('did not stop at the 0.5 s compute cap'),
    });
  });

  it('reports a solve that throws as an error, with its message', async () => {
    process.env.TOURNEE_SOLVE_MODULE = 'test/support/no-such-module.ts';
    const outcome = await startSolve(request(5, 1), { capSeconds: 5, graceSeconds: 1 }).done;
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.message).toMatch(/no-such-module/);
  });

  it('applies the learned rules the job carries (a forbidden leg is not driven)', async () => {
    delete process.env.TOURNEE_SOLVE_MODULE;
    const req = request(12, 1);
    const first = await startSolve(req, { capSeconds: 5, graceSeconds: 5 }).done;
    if (first.kind !== 'result') throw new Error(first.message);
    const route = first.result.routes.find((r) => r.stops.length >= 2);
    if (!route) throw new Error('expected a route with two stops');
    const leg = { from: route.stops[0]!.customerId, to: route.stops[1]!.customerId };
    expect(checkPlan(req, first.result, { forbidden: [leg] })).not.toEqual([]);

    const arcs = [
      { from: { customerId: leg.from }, to: { customerId: leg.to }, kind: 'forbidden' as const, source: 'test' },
    ];
    const second = await startSolve(req, { capSeconds: 5, graceSeconds: 5, rules: { arcs } }).done;
    if (second.kind !== 'result') throw new Error(second.message);
    expect(checkPlan(req, second.result, { forbidden: [leg] })).toEqual([]);
  });
});
