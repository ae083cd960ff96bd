/** Small real days cut from the Lyon sample day, for tests that need a valid request fast. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanRequestInput } from '../../src/model/schema.ts';
import { ROOT } from './processes.ts';

export function sampleDay(): PlanRequestInput {
  return JSON.parse(readFileSync(path.join(ROOT, 'datasets/sample-day.json'), 'utf8')) as PlanRequestInput;
}

/** The first `orders` orders of the sample day, solved for up to `seconds` without the frugal stop. */
export function smallDay(orders = 20, seconds = 5): PlanRequestInput {
  const day = sampleDay();
  return {
    ...day,
    name: `test day of ${orders} orders`,
    orders: day.orders.slice(0, orders),
    baseline: undefined,
    settings: { timeLimitSeconds: seconds, seed: 1, frugalStop: false, lp: false },
  };
}
