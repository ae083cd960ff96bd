import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import { checkPlan } from '../support/checkPlan.ts';

const body = JSON.parse(readFileSync(new URL('../../datasets/sample-day.json', import.meta.url), 'utf8'));

describe('the Lyon sample day', () => {
  it('is a valid request', () => {
    const parsed = parsePlanRequest(body);
    expect(parsed.ok).toBe(true);
  });

  it('plans every required order within capacity, shifts and windows (re-checked independently)', async () => {
    const parsed = parsePlanRequest({
      ...body,
      settings: { ...body.settings, timeLimitSeconds: 3, frugalStop: false },
    });
    if (!parsed.ok) throw new Error('invalid sample day');
    const plan = await solvePlan(parsed.value);
    expect(checkPlan(parsed.value, plan)).toEqual([]);
    const required = parsed.value.orders.filter((o) => !o.optional).map((o) => o.id);
    const served = new Set(plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)));
    expect(required.filter((id) => !served.has(id))).toEqual([]);
    // The pallets need the tail lift: only the truck carries them.
    for (const r of plan.routes) {
      const pallets = r.stops.filter((s) => parsed.value.orders.find((o) => o.id === s.orderId)?.skills?.length);
      if (pallets.length > 0) expect(r.vehicleId).toBe('TR-12');
    }
  });
});
