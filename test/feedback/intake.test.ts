/**
 * Reports against a real solved plan in a real store: what is refused (and that nothing is
 * stored then), what is derived, how reports reinforce a constraint, planner review, expiry, and
 * which routes a driver sees for a date.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/roles.ts';
import { driverRoutes } from '../../src/feedback/driverRoutes.ts';
import { recordFeedback } from '../../src/feedback/intake.ts';
import { reviewConstraint } from '../../src/feedback/review.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import type { PlannedRoute, PlanResult } from '../../src/plan/types.ts';
import { feedbackDay, principal, solved, storePlan, type TestStore, testStore } from './fixtures.ts';

let day: { request: PlanRequest; result: PlanResult };
let route: PlannedRoute;
beforeAll(async () => {
  day = await solved();
  route = day.result.routes.find((r) => r.vehicleId === 'TR-12')!;
  if (!route || route.stops.length < 5) throw new Error('the fixture needs a truck route of 5 stops or more');
});

let t: TestStore;
let truck: Principal;
let ev: Principal;
let planner: Principal;
beforeEach(() => {
  t = testStore();
  storePlan(t.store, 'p1', day.request, day.result);
  truck = principal(t.store, 'driver', 'driver-tr12');
  ev = principal(t.store, 'driver', 'driver-ev1');
  planner = principal(t.store, 'planner');
});
afterEach(() => t.close());

const on = (extra: Record<string, unknown>) => ({ planId: 'p1', vehicleId: 'TR-12', ...extra });
const stop = (k: number) => route.stops[k]!;
const nothingStored = () => {
  expect(t.store.feedback.list({}, 100)).toEqual([]);
  expect(t.store.constraints.list()).toEqual([]);
};

describe('a report that does not hold is refused and stores nothing', () => {
  it.each([
    ['no kind', { planId: 'p1', vehicleId: 'TR-12' }, ['kind']],
    ['unknown kind', on({ kind: 'pothole' }), ['kind']],
    ['negative minutes', on({ kind: 'service_time', orderId: 'x', actualMinutes: -1 }), ['actualMinutes']],
    ['minutes missing', on({ kind: 'service_time', orderId: 'x' }), ['actualMinutes']],
    [
      'leg and point',
      on({ kind: 'blocked_leg', leg: { fromOrderId: 'a', toOrderId: 'b' }, near: { lat: 45, lon: 4 } }),
      ['near'],
    ],
    ['neither leg nor point', on({ kind: 'blocked_leg' }), ['leg']],
    [
      'expiry past',
      on({ kind: 'blocked_leg', leg: { fromOrderId: null, toOrderId: 'b' }, expiresAt: '2020-01-01T00:00:00Z' }),
      ['expiresAt'],
    ],
    [
      'window backwards',
      on({ kind: 'time_window_wrong', orderId: 'x', actualWindows: [{ start: '12:00', end: '08:00' }] }),
      ['actualWindows[0].end'],
    ],
    ['no windows', on({ kind: 'time_window_wrong', orderId: 'x', actualWindows: [] }), ['actualWindows']],
    ['from the future', on({ kind: 'too_many_stops', at: '2999-01-01T00:00:00Z' }), ['at']],
    ['bad gps', on({ kind: 'too_many_stops', gps: { lat: 91, lon: 4 } }), ['gps.lat']],
    ['note too long', on({ kind: 'too_many_stops', note: 'x'.repeat(2001) }), ['note']],
    ['unknown field', on({ kind: 'too_many_stops', colour: 'red' }), ['$']],
    ['not an object', 'blocked', ['$']],
  ])('%s → 400 with the path', (_name, body, paths) => {
    const out = recordFeedback(t.store, truck, body);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.status).toBe(400);
    expect(out.problem.code).toBe('invalid_feedback');
    expect(out.problem.issues?.map((i) => i.path)).toEqual(paths);
    nothingStored();
  });

  it('a route, plan or stop that does not exist → 404', () => {
    const unknown = [
      [on({ planId: 'nope', kind: 'too_many_stops' }), /no plan/],
      [on({ vehicleId: 'XX-1', kind: 'too_many_stops' }), /no route for vehicle/],
      [on({ kind: 'service_time', orderId: 'O-none', actualMinutes: 3 }), /not a stop/],
      [on({ kind: 'odd_sequence', leg: { fromOrderId: 'O-none', toOrderId: stop(0).orderId } }), /not a stop/],
    ] as const;
    for (const [body, message] of unknown) {
      const out = recordFeedback(t.store, truck, body);
      expect(out.ok ? null : out.problem.status).toBe(404);
      if (!out.ok) expect(out.problem.message).toMatch(message);
    }
    // A plan without routes yet.
    t.store.plans.create({ id: 'p2', date: day.request.date, request: day.request });
    const queued = recordFeedback(t.store, truck, { ...on({ kind: 'too_many_stops' }), planId: 'p2' });
    expect(queued.ok ? null : queued.problem.status).toBe(404);
    nothingStored();
  });

  it("another driver's route → 403; an admin may report on any route", () => {
    const out = recordFeedback(t.store, ev, on({ kind: 'service_time', orderId: stop(0).orderId, actualMinutes: 3 }));
    expect(out.ok ? null : out.problem.status).toBe(403);
    nothingStored();
    const admin = principal(t.store, 'admin');
    expect(recordFeedback(t.store, admin, on({ kind: 'too_many_stops' })).ok).toBe(true);
  });

  it('stops that are not consecutive, a point far from the route, or a cap that is no cut → 400', () => {
    const cases = [
      [on({ kind: 'blocked_leg', leg: { fromOrderId: stop(0).orderId, toOrderId: stop(2).orderId } }), 'leg.toOrderId'],
      [on({ kind: 'odd_sequence', leg: { fromOrderId: null, toOrderId: stop(1).orderId } }), 'leg.toOrderId'],
      [on({ kind: 'blocked_leg', near: { lat: 46.2, lon: 4.9 } }), 'near'],
      [on({ kind: 'too_many_stops', maxStops: route.stops.length }), 'maxStops'],
    ] as const;
    for (const [body, path] of cases) {
      const out = recordFeedback(t.store, truck, body);
      expect(out.ok ? null : out.problem.status, path).toBe(400);
      if (!out.ok) expect(out.problem.issues?.map((i) => i.path)).toEqual([path]);
    }
    nothingStored();
  });
});

describe('reports become constraints', () => {
  const accepted = (body: unknown, who: Principal = truck) => {
    const out = recordFeedback(t.store, who, body);
    if (!out.ok) throw new Error(JSON.stringify(out.problem));
    return out;
  };

  it('blocked_leg: that pair of customers, either way, hard, until the expiry; depot legs too', () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const a = accepted(
      on({ kind: 'blocked_leg', leg: { fromOrderId: stop(1).orderId, toOrderId: stop(2).orderId }, expiresAt }),
    );
    expect(a.constraint).toMatchObject({
      kind: 'forbidden_arc',
      strength: 'hard',
      status: 'active',
      expiresAt,
      scope: {
        type: 'customer_pair',
        from: { customerId: stop(1).customerId },
        to: { customerId: stop(2).customerId },
        bothWays: true,
      },
    });
    expect(a.feedback.target).toMatchObject({ fromPosition: 2, toPosition: 3 });
    const first = accepted(on({ kind: 'blocked_leg', leg: { fromOrderId: null, toOrderId: stop(0).orderId } }));
    expect(first.constraint.scope).toMatchObject({ from: { depotId: route.startDepotId } });
    const back = accepted(
      on({ kind: 'blocked_leg', leg: { fromOrderId: route.stops.at(-1)!.orderId, toOrderId: null } }),
    );
    expect(back.constraint.scope).toMatchObject({ to: { depotId: route.endDepotId } });
  });

  it('blocked_leg near a point: a zone scope around it', () => {
    const p = stop(2).location;
    const out = accepted(on({ kind: 'blocked_leg', near: { lat: p.lat + 0.001, lon: p.lon }, note: 'bridge closed' }));
    expect(out.constraint).toMatchObject({
      kind: 'forbidden_arc',
      scope: { type: 'zone', center: { lat: p.lat + 0.001, lon: p.lon }, radiusMetres: 150 },
      value: { maxLegKm: 5 },
    });
    expect(out.feedback.target.metresFromRoute).toBeLessThan(200);
  });

  it('reports on the same thing reinforce one constraint; hard limits only get tighter', () => {
    const leg = { fromOrderId: stop(1).orderId, toOrderId: stop(2).orderId };
    const nextLeg = { fromOrderId: stop(2).orderId, toOrderId: stop(3).orderId };
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const a = accepted(on({ kind: 'blocked_leg', leg, expiresAt: soon }));
    // No expiry on the second report: the road is blocked for good.
    const b = accepted(on({ kind: 'blocked_leg', leg }));
    expect(b.outcome).toBe('reinforced');
    expect(b.constraint.id).toBe(a.constraint.id);
    expect(b.constraint.expiresAt).toBeNull();
    expect(b.constraint.feedbackIds).toEqual([a.feedback.id, b.feedback.id]);
    expect(accepted(on({ kind: 'blocked_leg', leg: nextLeg })).outcome).toBe('created');

    for (let i = 1; i <= 6; i++) {
      const odd = accepted(on({ kind: 'odd_sequence', leg }));
      expect(odd.constraint.value).toEqual({ penaltyMetres: Math.min(2000 * i, 10_000), reports: i });
    }

    const caps = [route.stops.length - 1, route.stops.length - 3, route.stops.length - 2];
    let last = route.stops.length;
    for (const maxStops of caps) {
      last = Math.min(last, maxStops);
      const c = accepted(on({ kind: 'too_many_stops', maxStops })).constraint;
      expect(c.value).toMatchObject({ maxStops: last, reportedStops: route.stops.length });
    }
    const fallback = accepted(on({ kind: 'too_many_stops' }), principal(t.store, 'admin'));
    expect(fallback.constraint.value).toMatchObject({ maxStops: last });
  });

  it('service_time: the mean of the latest ten reports, with the count', () => {
    const minutes = [30, 10, 20, 5, 5, 5, 5, 5, 5, 5, 5, 7];
    let c = accepted(on({ kind: 'service_time', orderId: stop(0).orderId, actualMinutes: minutes[0] })).constraint;
    expect(c.value).toEqual({ serviceMinutes: 30, reports: 1, samples: [30] });
    for (const m of minutes.slice(1)) {
      c = accepted(on({ kind: 'service_time', orderId: stop(0).orderId, actualMinutes: m })).constraint;
    }
    const latest = minutes.slice(-10);
    expect(c.value).toEqual({
      serviceMinutes: Math.round((latest.reduce((x, y) => x + y, 0) / 10) * 10) / 10,
      reports: 12,
      samples: latest,
    });
    expect(c.feedbackIds).toHaveLength(12);
    expect(t.store.constraints.list()).toHaveLength(1);
  });

  it('access_restricted: classes smaller than the vehicle; "no truck access" narrows to vans', () => {
    const a = accepted(on({ kind: 'access_restricted', orderId: stop(0).orderId }));
    expect(a.constraint).toMatchObject({
      status: 'active',
      value: { vehicleClasses: ['van_n1', 'evan_n1', 'rigid_7_5t'], refused: ['rigid_12t'] },
    });
    const b = accepted(on({ kind: 'access_restricted', orderId: stop(0).orderId, reason: 'no_truck_access' }));
    expect(b.constraint.id).toBe(a.constraint.id);
    expect(b.constraint.value).toMatchObject({ vehicleClasses: ['van_n1', 'evan_n1'] });
  });

  it('time_window_wrong: a proposal; a planner accepts it, and a later one replaces it when accepted', () => {
    const orderId = stop(0).orderId;
    const windows = [
      { start: '14:00', end: '18:00' },
      { start: '08:00', end: '12:00' },
      { start: '11:00', end: '12:30' },
    ];
    const p1 = accepted(on({ kind: 'time_window_wrong', orderId, actualWindows: windows })).constraint;
    expect(p1).toMatchObject({
      status: 'proposed',
      value: {
        windows: [
          { start: '08:00', end: '12:30' },
          { start: '14:00', end: '18:00' },
        ],
      },
    });
    const ok = reviewConstraint(t.store, p1.id, 'accept', planner, 'phoned the shop');
    expect(ok.ok && ok.constraint.status).toBe('active');
    const p2 = accepted(on({ kind: 'time_window_wrong', orderId, actualWindows: [{ start: '09:00', end: '17:00' }] }));
    expect(p2.outcome).toBe('created');
    expect(p2.constraint.status).toBe('proposed');
    const replaced = reviewConstraint(t.store, p2.constraint.id, 'accept', planner, null);
    expect(replaced.ok && replaced.superseded).toEqual([p1.id]);
    expect(t.store.constraints.get(p1.id)?.status).toBe('expired');
    expect(t.store.constraints.history(p1.id).at(-1)).toMatchObject({
      status: 'expired',
      detail: `superseded by ${p2.constraint.id}`,
    });
    expect(t.store.constraints.history(p1.id).map((e) => e.status)).toEqual(['proposed', 'active', 'expired']);
  });

  it('review steps: reject, accept again, expire; the wrong step is refused', () => {
    const c = accepted(on({ kind: 'service_time', orderId: stop(0).orderId, actualMinutes: 9 })).constraint;
    const step = (action: 'accept' | 'reject' | 'expire') => reviewConstraint(t.store, c.id, action, planner, null);
    expect(step('accept')).toMatchObject({ ok: false, status: 409 });
    expect(step('reject')).toMatchObject({ ok: true, constraint: { status: 'rejected' } });
    expect(step('expire')).toMatchObject({ ok: false, status: 409 });
    expect(step('accept')).toMatchObject({ ok: true, constraint: { status: 'active' } });
    expect(step('expire')).toMatchObject({ ok: true, constraint: { status: 'expired' } });
    expect(reviewConstraint(t.store, 'lc-none', 'accept', planner, null)).toMatchObject({ ok: false, status: 404 });
    const history = t.store.constraints.history(c.id);
    expect(history.map((h) => h.status)).toEqual(['active', 'rejected', 'active', 'expired']);
    expect(history[1]!.actor).toContain(planner.keyId);
  });

  it('an expiry that passes expires the constraint, said by the clock', () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const c = accepted(
      on({ kind: 'blocked_leg', leg: { fromOrderId: stop(1).orderId, toOrderId: stop(2).orderId }, expiresAt }),
    ).constraint;
    expect(t.store.constraints.expireDue(new Date().toISOString())).toEqual([]);
    expect(t.store.constraints.expireDue(new Date(Date.now() + 7_200_000).toISOString())).toEqual([c.id]);
    expect(t.store.constraints.get(c.id)?.status).toBe('expired');
    expect(t.store.constraints.history(c.id).at(-1)).toMatchObject({ actor: 'clock', status: 'expired' });
    expect(t.store.constraints.list({ statuses: ['active'] })).toEqual([]);
  });

  it('a driver lists only their reports; each says what became of it', () => {
    accepted(on({ kind: 'too_many_stops' }));
    const list = t.store.feedback.list({ driverId: 'driver-tr12' }, 10);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'too_many_stops', outcome: 'created', keyId: truck.keyId });
    expect(list[0]!.constraintId).toMatch(/^lc-/);
    expect(t.store.feedback.list({ driverId: 'driver-ev1' }, 10)).toEqual([]);
  });
});

describe("a driver's routes for a date", () => {
  let other: { request: PlanRequest; result: PlanResult };
  beforeAll(async () => {
    const input = feedbackDay(20);
    other = await solved({ ...input, orders: input.orders.slice(12) });
  });

  it('come from the latest succeeded plan of the same orders, and from plans of other orders', () => {
    const date = day.request.date;
    expect(driverRoutes(t.store, 'driver-tr12', date).map((r) => r.planId)).toEqual(['p1']);
    storePlan(t.store, 'p1-again', day.request, day.result);
    expect(driverRoutes(t.store, 'driver-tr12', date).map((r) => r.planId)).toEqual(['p1-again']);
    storePlan(t.store, 'afternoon', other.request, other.result);
    const seen = driverRoutes(t.store, 'driver-tr12', date).map((r) => r.planId);
    const truckAfternoon = other.result.routes.some((r) => r.driverId === 'driver-tr12');
    expect(seen).toEqual(truckAfternoon ? ['afternoon', 'p1-again'] : ['p1-again']);
    expect(driverRoutes(t.store, 'driver-tr12', '2026-12-02')).toEqual([]);
    expect(driverRoutes(t.store, 'nobody', date)).toEqual([]);
  });

  it('list the stops in order with their windows, service and ETA', () => {
    const [r] = driverRoutes(t.store, 'driver-tr12', day.request.date);
    expect(r!.stops.map((s) => s.orderId)).toEqual(route.stops.map((s) => s.orderId));
    const first = r!.stops[0]!;
    const order = day.request.orders.find((o) => o.id === first.orderId)!;
    expect(first).toMatchObject({
      position: 1,
      serviceMinutes: order.serviceMinutes,
      arrival: route.stops[0]!.arrival,
    });
    expect(first.timeWindows).toHaveLength(order.timeWindows?.length ?? 0);
    expect(r!.vehicleClass).toBe('rigid_12t');
  });
});
