import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { randomDay } from '../support/randomDay.ts';

describe('solvePlan on random small days', () => {
  it('never breaks a hard constraint and accounts for every order', async () => {
    await fc.assert(
      fc.asyncProperty(randomDay, async (body) => {
        const parsed = parsePlanRequest(body);
        if (!parsed.ok) throw new Error(`generator made an invalid day: ${JSON.stringify(parsed.error)}`);
        const plan = await solvePlan(parsed.value);
        expect(checkPlan(parsed.value, plan)).toEqual([]);
        // Every unassigned order says why, with a stable code.
        for (const u of plan.unassigned) expect(u.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
