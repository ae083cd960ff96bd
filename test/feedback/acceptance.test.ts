/**
 * Issue 4 acceptance, on the real spine (API in this process, a real Redis, a `tournee worker`
 * child process with the real solver): plan a day, drivers flag their route, re-plan the same
 * orders, and check each flag shaped the new plan; then a rejected and an expired constraint
 * no longer do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedConstraint } from '../../src/feedback/types.ts';
import type { PlanRequest, PlanRequestInput } from '../../src/model/schema.ts';
import { toSeconds } from '../../src/model/time.ts';
import type { PlannedRoute, PlanResult } from '../../src/plan/types.ts';
import { checkPlan } from '../support/checkPlan.ts';
import { waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';
import { feedbackDay } from './fixtures.ts';

/** 16 orders, a 12 t truck and two vans capped at 5 stops: the truck drives a long route. */
const testDay = (): PlanRequestInput => feedbackDay(16, { vanMaxStops: 5, timeLimitSeconds: 1, name: 'feedback loop' });

let stack: StartedApi;
const keys = { planner: '', manager: '', truck: '', ev: '' };
const as = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  stack = await startApiWithRedis();
  await stack.startWorker({ TOURNEE_SOLVE_MODULE: '' });
  keys.planner = stack.api.createKey('planner');
  keys.manager = stack.api.createKey('manager');
  keys.truck = stack.api.createKey('driver', 'driver-tr12');
  keys.ev = stack.api.createKey('driver', 'driver-ev1');
});
afterAll(async () => {
  await stack?.close();
});

async function plan(body: unknown): Promise<{ id: string; result: PlanResult }> {
  const res = await stack.api.request('POST', '/v1/plans', body, as(keys.planner));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  const done = await waitUntil(
    `plan ${id} to finish`,
    async () => {
      const s = (await stack.api.request('GET', `/v1/plans/${id}`, undefined, as(keys.planner))).body;
      return ['succeeded', 'failed', 'cancelled'].includes(s.status) ? s : null;
    },
    60_000,
    100,
  );
  expect(done.status, JSON.stringify(done.history)).toBe('succeeded');
  const result = await stack.api.request('GET', `/v1/plans/${id}/result`, undefined, as(keys.planner));
  return { id, result: result.body as PlanResult };
}

async function flag(key: string, body: Record<string, unknown>) {
  return stack.api.request('POST', '/v1/feedback', body, as(key));
}

const legsOf = (r: PlannedRoute) => r.stops.slice(1).map((s, i) => [r.stops[i]!.customerId, s.customerId] as const);
const stopOf = (result: PlanResult, orderId: string) =>
  result.routes.flatMap((r) => r.stops.map((s) => ({ route: r, stop: s }))).find((x) => x.stop.orderId === orderId);

describe('driver feedback becomes constraints for the next plans', () => {
  const day = testDay();
  let first: { id: string; result: PlanResult };
  let truckRoute: PlannedRoute;
  const made: Record<string, string> = {};

  it('plans the day; the truck driver sees their route for the date', async () => {
    first = await plan(day);
    const mine = await stack.api.request('GET', `/v1/drivers/me/routes?date=${day.date}`, undefined, as(keys.truck));
    expect(mine.status).toBe(200);
    expect(mine.body.routes).toHaveLength(1);
    const route = mine.body.routes[0];
    expect(route.planId).toBe(first.id);
    expect(route.vehicleId).toBe('TR-12');
    truckRoute = first.result.routes.find((r) => r.vehicleId === 'TR-12')!;
    expect(truckRoute.stops.length).toBeGreaterThanOrEqual(8);
    expect(route.stops.map((s: { orderId: string }) => s.orderId)).toEqual(truckRoute.stops.map((s) => s.orderId));
    expect(route.stops[0].timeWindows.length).toBeGreaterThan(0);
    expect(first.result.constraintsApplied).toEqual([]);
  });

  it("refuses another driver's flag (403) and a manager's plan (403); stores nothing for them", async () => {
    const stop = truckRoute.stops[0]!;
    const other = await flag(keys.ev, {
      kind: 'service_time',
      planId: first.id,
      vehicleId: 'TR-12',
      orderId: stop.orderId,
      actualMinutes: 30,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const manager = await stack.api.request('POST', '/v1/plans', day, as(keys.manager));
    expect(manager.status).toBe(403);
    const constraints = await stack.api.request('GET', '/v1/constraints', undefined, as(keys.planner));
    expect(constraints.body.items).toEqual([]);
  });

  /** The real opening hours the truck driver reports for stop 8: the first 90 minutes of its window. */
  let opening: { start: number; end: number };

  it('turns each kind of flag into a stored constraint with its provenance', async () => {
    const s = truckRoute.stops;
    const w = day.orders.find((o) => o.id === s[7]!.orderId)!.timeWindows![0]!;
    opening = { start: toSeconds(w.start), end: Math.min(toSeconds(w.start) + 5400, toSeconds(w.end) - 60) };
    const reports: Record<string, Record<string, unknown>> = {
      blocked: {
        kind: 'blocked_leg',
        leg: { fromOrderId: s[1]!.orderId, toOrderId: s[2]!.orderId },
        note: 'roadworks',
      },
      odd: { kind: 'odd_sequence', leg: { fromOrderId: s[5]!.orderId, toOrderId: s[6]!.orderId } },
      stops: { kind: 'too_many_stops', maxStops: s.length - 4 },
      access: { kind: 'access_restricted', orderId: s[3]!.orderId, gps: { lat: 45.75, lon: 4.85 } },
      service: { kind: 'service_time', orderId: s[4]!.orderId, actualMinutes: 17 },
      window: { kind: 'time_window_wrong', orderId: s[7]!.orderId, actualWindows: [opening] },
    };
    for (const [name, report] of Object.entries(reports)) {
      const res = await flag(keys.truck, { ...report, planId: first.id, vehicleId: 'TR-12' });
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.outcome).toBe('created');
      expect(res.body.constraint.feedbackIds).toEqual([res.body.feedback.id]);
      made[name] = res.body.constraint.id;
    }
    const list = (await stack.api.request('GET', '/v1/constraints', undefined, as(keys.manager))).body.items;
    const byId = new Map(list.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(made.blocked)).toMatchObject({ kind: 'forbidden_arc', strength: 'hard', status: 'active' });
    expect(byId.get(made.odd)).toMatchObject({ kind: 'arc_penalty', strength: 'penalty', status: 'active' });
    expect(byId.get(made.stops)).toMatchObject({
      kind: 'max_stops',
      scope: { type: 'driver', driverId: 'driver-tr12' },
      value: { maxStops: s.length - 4 },
    });
    expect(byId.get(made.access)).toMatchObject({
      kind: 'vehicle_classes',
      scope: { type: 'customer', customerId: s[3]!.customerId },
      value: { vehicleClasses: ['van_n1', 'evan_n1', 'rigid_7_5t'], refused: ['rigid_12t'] },
    });
    expect(byId.get(made.service)).toMatchObject({ kind: 'service_time', value: { serviceMinutes: 17, reports: 1 } });
    expect(byId.get(made.window)).toMatchObject({ kind: 'time_windows', status: 'proposed' });

    // The driver sees their flags and what became of them.
    const mine = (await stack.api.request('GET', '/v1/feedback', undefined, as(keys.truck))).body.items;
    expect(mine).toHaveLength(6);
    expect(mine.find((f: { kind: string }) => f.kind === 'time_window_wrong').constraint.status).toBe('proposed');
  });

  it('a planner accepts the proposed opening hours', async () => {
    const res = await stack.api.request(
      'POST',
      `/v1/constraints/${made.window}/accept`,
      { note: 'called them' },
      as(keys.planner),
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');
    expect(res.body.history.at(-1)).toMatchObject({ status: 'active', detail: 'called them' });
    const again = await stack.api.request('POST', `/v1/constraints/${made.window}/accept`, undefined, as(keys.planner));
    expect(again.status).toBe(409);
    const manager = await stack.api.request('POST', `/v1/constraints/${made.odd}/reject`, undefined, as(keys.manager));
    expect(manager.status).toBe(403);
  });

  let second: { id: string; result: PlanResult };
  let solved: PlanRequest;

  it('re-plans the same orders: every active constraint shaped the plan, and the plan says so', async () => {
    second = await plan(day);
    const s = truckRoute.stops;
    const r = second.result;
    const inputs = (await stack.api.request('GET', `/v1/plans/${second.id}/request`, undefined, as(keys.manager))).body;
    solved = inputs.solved as PlanRequest;
    expect(inputs.original.orders.find((o: { id: string }) => o.id === s[4]!.orderId).serviceMinutes).toBe(
      day.orders.find((o) => o.id === s[4]!.orderId)!.serviceMinutes,
    );
    const changed = inputs.changes.map((c: { path: string; constraintId: string }) => c.constraintId);
    expect(changed).toEqual(expect.arrayContaining([made.service, made.stops, made.window]));

    // blocked_leg: that leg, either way, is in no route (independent checker), and the plan is feasible.
    const blocked = { from: s[1]!.customerId, to: s[2]!.customerId };
    const forbidden = [blocked, { from: blocked.to, to: blocked.from }];
    expect(checkPlan(solved, r, { forbidden })).toEqual([]);
    expect(r.routes.flatMap(legsOf)).not.toContainEqual([blocked.from, blocked.to]);

    // too_many_stops: the truck driver's route has fewer stops, at most the cap.
    const truck = r.routes.find((x) => x.driverId === 'driver-tr12');
    expect(truck?.stops.length ?? 0).toBeLessThanOrEqual(s.length - 4);

    // access_restricted: that stop is served by an allowed class, or unassigned with the reason.
    const access = stopOf(r, s[3]!.orderId);
    if (access) {
      const cls = solved.vehicles.find((v) => v.id === access.route.vehicleId)!.energy.vehicleClass;
      expect(['van_n1', 'evan_n1', 'rigid_7_5t']).toContain(cls);
    } else {
      const why = r.unassigned.find((u) => u.orderId === s[3]!.orderId);
      expect(why?.reason).toContain(made.access);
    }

    // service_time: the ETA schedule uses 17 minutes at that customer.
    const served = stopOf(r, s[4]!.orderId);
    expect(served, 'the service-time stop is still served').toBeDefined();
    expect(served!.stop.departureSeconds - served!.stop.serviceStartSeconds).toBeCloseTo(17 * 60, 0);

    // time_window_wrong (accepted): the stop is served inside the accepted opening hours.
    const windowed = stopOf(r, s[7]!.orderId);
    if (windowed) {
      expect(windowed.stop.serviceStartSeconds).toBeGreaterThanOrEqual(opening.start);
      expect(windowed.stop.serviceStartSeconds).toBeLessThanOrEqual(opening.end);
    }

    // The result lists every constraint that shaped it, with the feedback it came from.
    const applied = new Map((r.constraintsApplied ?? []).map((c: AppliedConstraint) => [c.id, c]));
    expect([...applied.keys()].sort()).toEqual(Object.values(made).sort());
    for (const c of applied.values()) expect(c.feedbackIds).toHaveLength(1);
    expect(applied.get(made.service)?.effect).toMatch(/→ 17 min/);
  });

  it('a van driver who cannot get in: a planner accepts that no class can, and the order is unassigned with the reason', async () => {
    const van = second.result.routes.find((x) => x.vehicleId !== 'TR-12' && x.stops.length > 0)!;
    expect(van, 'a van drives a route once the truck is capped').toBeDefined();
    const vanKey = stack.api.createKey('driver', van.driverId!);
    const stop = van.stops.at(-1)!;
    const res = await flag(vanKey, {
      kind: 'access_restricted',
      planId: second.id,
      vehicleId: van.vehicleId,
      orderId: stop.orderId,
    });
    expect(res.status).toBe(201);
    expect(res.body.constraint).toMatchObject({ status: 'proposed', value: { vehicleClasses: [] } });
    made.noAccess = res.body.constraint.id;
    noAccessOrder = stop.orderId;
    const accept = await stack.api.request(
      'POST',
      `/v1/constraints/${made.noAccess}/accept`,
      undefined,
      as(keys.planner),
    );
    expect(accept.status).toBe(200);
  });

  let noAccessOrder = '';

  it('a rejected constraint and an expired one no longer shape plans', async () => {
    const reject = await stack.api.request(
      'POST',
      `/v1/constraints/${made.service}/reject`,
      undefined,
      as(keys.planner),
    );
    expect(reject.status).toBe(200);
    const expire = await stack.api.request(
      'POST',
      `/v1/constraints/${made.blocked}/expire`,
      undefined,
      as(keys.planner),
    );
    expect(expire.status).toBe(200);
    expect(expire.body.status).toBe('expired');

    const third = await plan(day);
    const unserved = third.result.unassigned.find((u) => u.orderId === noAccessOrder);
    expect(unserved?.code).toBe('no_compatible_vehicle');
    expect(unserved?.reason).toContain(made.noAccess);
    const ids = (third.result.constraintsApplied ?? []).map((c) => c.id);
    expect(ids).not.toContain(made.service);
    expect(ids).not.toContain(made.blocked);
    expect(ids).toContain(made.stops);
    const inputs = (await stack.api.request('GET', `/v1/plans/${third.id}/request`, undefined, as(keys.planner))).body;
    expect(inputs.changes.map((c: { constraintId: string }) => c.constraintId)).not.toContain(made.service);
    const orderId = truckRoute.stops[4]!.orderId;
    const planned = day.orders.find((o) => o.id === orderId)!.serviceMinutes!;
    const served = stopOf(third.result, orderId);
    expect(served).toBeDefined();
    expect(served!.stop.departureSeconds - served!.stop.serviceStartSeconds).toBeCloseTo(planned * 60, 0);

    // The newest plan of these orders is the one the driver now sees.
    const mine = await stack.api.request(
      'GET',
      `/v1/drivers/driver-tr12/routes?date=${day.date}`,
      undefined,
      as(keys.truck),
    );
    expect(mine.body.routes.map((x: { planId: string }) => x.planId)).toEqual(
      third.result.routes.some((x) => x.driverId === 'driver-tr12') ? [third.id] : [],
    );
  });
});
