/**
 * A real plan to give feedback on: a small Lyon day (a 12 t truck and two capped vans) solved
 * here with the real pipeline, and stored as a succeeded plan the way the API process stores one.
 */
import path from 'node:path';
import { createApiKey } from '../../src/auth/keys.ts';
import type { Principal, Role } from '../../src/auth/roles.ts';
import type { PlanRequest, PlanRequestInput } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { sampleDay } from '../support/days.ts';
import { tempDir } from '../support/tempDir.ts';

export function feedbackDay(orders = 12): PlanRequestInput {
  const day = sampleDay();
  const vehicle = (id: string, maxStops?: number) => {
    const v = day.vehicles.find((x) => x.id === id)!;
    return maxStops ? { ...v, maxStops } : v;
  };
  return {
    ...day,
    name: 'feedback fixture',
    baseline: undefined,
    orders: day.orders.slice(0, orders),
    vehicles: [vehicle('TR-12'), vehicle('EV-1', 4), vehicle('DV-1', 4)],
    settings: { timeLimitSeconds: 0.5, seed: 1, frugalStop: false, lp: false },
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

export interface TestStore {
  readonly store: Store;
  close(): void;
}

export function testStore(): TestStore {
  const dir = tempDir('tournee-feedback-');
  const store = openStore(path.join(dir.path, 'tournee.db'));
  return {
    store,
    close() {
      store.close();
      dir.remove();
    },
  };
}

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
