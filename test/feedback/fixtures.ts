/**
 * A real plan to give feedback on: a small Lyon day (a 12 t truck and two capped vans) solved
 * here with the real pipeline, and stored as a succeeded plan the way the API process stores one.
 */
import { createApiKey } from '../../src/auth/keys.ts';
import type { Principal, Role } from '../../src/auth/roles.ts';
import type { PlanRequest, PlanRequestInput } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import type { Store } from '../../src/store/index.ts';
import { sampleDay } from '../support/days.ts';
import { testStore as sharedTestStore } from '../support/store.ts';

/** A slice of the sample day: the 12 t truck and two vans with a stop cap. */
export function feedbackDay(
  orders = 12,
  { vanMaxStops = 4, timeLimitSeconds = 0.5, name = 'feedback fixture' } = {},
): PlanRequestInput {
  const day = sampleDay();
  const vehicle = (id: string, maxStops?: number) => {
    const v = day.vehicles.find((x) => x.id === id)!;
    return maxStops ? { ...v, maxStops } : v;
  };
  return {
    ...day,
    name,
    baseline: undefined,
    orders: day.orders.slice(0, orders),
    vehicles: [vehicle('TR-12'), vehicle('EV-1', vanMaxStops), vehicle('DV-1', vanMaxStops)],
    settings: { timeLimitSeconds, seed: 1, frugalStop: false, lp: false },
  };
}

export function parsed(input: PlanRequestInput): PlanRequest {
  const r = parsePlanRequest(input);
  if (!r.ok) throw new Error(`invalid fixture: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function solved(
  input: PlanRequestInput = feedbackDay(),
): Promise<{ request: PlanRequest; result: PlanResult }> {
  const request = parsed(input);
  return { request, result: await solvePlan(request) };
}

export type { TestStore } from '../support/store.ts';

export const testStore = () => sharedTestStore('tournee-feedback-');

/** Stores a solved plan as the API would after its worker reported success. */
export function storePlan(store: Store, id: string, request: PlanRequest, result: PlanResult): string {
  store.plans.create({ id, name: request.name ?? null, date: request.date, request });
  store.plans.transition(id, 'running', 'a worker started the solve');
  store.plans.finish(id, 'succeeded', 'solved', result);
  return id;
}

export function principal(store: Store, role: Role, driverId?: string): Principal {
  const made = createApiKey(store.apiKeys, { role, name: `test ${role}`, driverId });
  if (!made.ok) throw new Error(made.error);
  const r = made.value.record;
  return { keyId: r.id, name: r.name, role: r.role, driverId: r.driverId };
}
