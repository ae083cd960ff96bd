/** `tournee solve FILE`: the API's JSON in and out, solved here in a worker thread. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { smallDay } from '../support/days.ts';
import { startTournee } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

let dir: { path: string; remove(): void };
beforeAll(() => {
  dir = tempDir('tournee-cli-');
});
afterAll(() => dir?.remove());

const write = (name: string, body: unknown) => {
  const file = path.join(dir.path, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
};

describe('tournee solve', () => {
  it('solves a day file and writes the plan in the API format, feasible when re-checked', async () => {
    const day = smallDay(25, 30);
    const file = write('day.json', day);
    const out = path.join(dir.path, 'plan.json');
    const proc = startTournee(['solve', file, '--time-limit', '1', '--out', out], {});
    expect(await proc.exited, proc.output()).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as PlanResult;
    const request = parsePlanRequest({ ...day, settings: { ...day.settings, timeLimitSeconds: 1 } });
    if (!request.ok) throw new Error('invalid test day');
    expect(checkPlan(request.value, plan)).toEqual([]);
    expect(plan.solve.timeLimitSeconds).toBe(1);
    expect(plan.routes.length + plan.unassigned.length).toBeGreaterThan(0);
    expect(proc.output()).toContain('Plan for 2026-12-01');
  });

  it('lists every bad field of an invalid file with its path and exits 2', async () => {
    const day = smallDay(5, 1) as Record<string, unknown> & { orders: { demand: Record<string, number> }[] };
    day.orders[2]!.demand.kg = -1;
    const proc = startTournee(['solve', write('bad.json', { ...day, date: 'tomorrow' })], {});
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('orders[2].demand.kg:');
    expect(proc.output()).toContain('date:');
  });

  it('stops on Ctrl-C and still writes the best plan found so far', async () => {
    const out = path.join(dir.path, 'interrupted.json');
    const proc = startTournee(['solve', write('long.json', smallDay(20, 120)), '--out', out], {
      TOURNEE_SOLVE_MODULE: 'test/support/restartingSolve.ts',
    });
    await proc.waitFor(/best \d/, 30_000);
    proc.proc.kill('SIGINT');
    expect(await proc.exited, proc.output()).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as PlanResult;
    expect(plan.solve.stoppedBy).toBe('cancel');
    expect(plan.routes.length).toBeGreaterThan(0);
  });
});
