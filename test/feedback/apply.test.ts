/**
 * Active learned constraints → one new request and its job rules: what changes, what travels to
 * the worker, what is listed as applied, and what the compiler then does with access limits.
 */
import { describe, expect, it } from 'vitest';
import { shapeRequest } from '../../src/feedback/apply.ts';
import { deriveConstraint } from '../../src/feedback/derive.ts';
import { summarize } from '../../src/feedback/describe.ts';
import { compileRulesOf } from '../../src/feedback/jobRules.ts';
import type { FeedbackRequest } from '../../src/feedback/schema.ts';
import type { ConstraintDraft, ConstraintStatus, LearnedConstraint } from '../../src/feedback/types.ts';
import { zoneArcs } from '../../src/feedback/zoneArcs.ts';
import type { PlanRequest } from '../../src/model/schema.ts';
import { compileRequest } from '../../src/pipeline/solvePlan.ts';
import { feedbackDay, parsed } from './fixtures.ts';

let n = 0;
function learned(draft: ConstraintDraft, status: ConstraintStatus = 'active'): LearnedConstraint {
  n++;
  const at = new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString();
  return {
    ...draft,
    status,
    id: `lc-${n}`,
    summary: summarize(draft),
    createdAt: at,
    updatedAt: at,
    feedbackIds: [`fb-${n}`],
  };
}

const day = (): PlanRequest => parsed(feedbackDay(12));

/** The day with its first two orders given to the same customer. */
function twoOrdersOneCustomer(): PlanRequest {
  const r = day();
  return { ...r, orders: r.orders.map((o, i) => (i === 1 ? { ...o, customerId: r.orders[0]!.customerId } : o)) };
}

describe('parameter changes rewrite a copy of the request, field by field', () => {
  it('service_time: every order of the customer, listed with before and after; the original is untouched', () => {
    const request = twoOrdersOneCustomer();
    const before = structuredClone(request);
    const customerId = request.orders[0]!.customerId;
    const c = learned({
      kind: 'service_time',
      scope: { type: 'customer', customerId },
      strength: 'hard',
      status: 'active',
      value: { serviceMinutes: 12.5, reports: 2, samples: [10, 15] },
      expiresAt: null,
    });
    const shaped = shapeRequest(request, [c]);
    expect(request).toEqual(before);
    expect(shaped.request.orders.slice(0, 2).map((o) => o.serviceMinutes)).toEqual([12.5, 12.5]);
    expect(shaped.changes).toEqual([
      { path: 'orders[0].serviceMinutes', from: before.orders[0]!.serviceMinutes, to: 12.5, constraintId: c.id },
      { path: 'orders[1].serviceMinutes', from: before.orders[1]!.serviceMinutes, to: 12.5, constraintId: c.id },
    ]);
    expect(shaped.rules.applied).toEqual([
      expect.objectContaining({ id: c.id, feedbackIds: c.feedbackIds, effect: expect.stringMatching(/→ 12.5 min$/) }),
    ]);
    expect(shaped.rules.arcs).toBeUndefined();
  });

  it('only active constraints about customers, drivers or vehicles of this request apply', () => {
    const request = day();
    const base = {
      kind: 'service_time' as const,
      strength: 'hard' as const,
      status: 'active' as const,
      value: { serviceMinutes: 30, reports: 1, samples: [30] },
      expiresAt: null,
    };
    const elsewhere = learned({ ...base, scope: { type: 'customer', customerId: 'C-not-today' } });
    const rejected = learned(
      { ...base, scope: { type: 'customer', customerId: request.orders[0]!.customerId } },
      'rejected',
    );
    const expired = learned(
      { ...base, scope: { type: 'customer', customerId: request.orders[0]!.customerId } },
      'expired',
    );
    const proposed = learned(
      { ...base, scope: { type: 'customer', customerId: request.orders[0]!.customerId } },
      'proposed',
    );
    const shaped = shapeRequest(request, [elsewhere, rejected, expired, proposed]);
    expect(shaped.request).toEqual(request);
    expect(shaped.changes).toEqual([]);
    expect(shaped.rules).toEqual({ applied: [] });
  });

  it('time_windows: the order keeps the part of its windows inside the opening hours, or takes them', () => {
    const request = day();
    const [a, b] = request.orders;
    const orders = request.orders.map((o, i) =>
      i === 0
        ? { ...o, timeWindows: [{ start: '08:00', end: '12:00' }] }
        : i === 1
          ? { ...o, timeWindows: [{ start: '06:00', end: '07:00' }] }
          : o,
    );
    const windows = [{ start: '10:00', end: '16:00' }];
    const scope = (customerId: string) => ({ type: 'customer' as const, customerId });
    const draft = {
      kind: 'time_windows' as const,
      strength: 'hard' as const,
      status: 'active' as const,
      expiresAt: null,
    };
    const shaped = shapeRequest({ ...request, orders }, [
      learned({ ...draft, scope: scope(a!.customerId), value: { windows } }),
      learned({ ...draft, scope: scope(b!.customerId), value: { windows } }),
    ]);
    expect(shaped.request.orders[0]!.timeWindows).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(shaped.request.orders[1]!.timeWindows).toEqual([{ start: '10:00', end: '16:00' }]);
    expect(shaped.rules.applied?.[1]?.effect).toMatch(/replaced by the opening hours/);
  });

  it('max_stops: the vehicles of the driver get the cap, never a looser one', () => {
    const request = day();
    const cap = (maxStops: number) =>
      learned({
        kind: 'max_stops',
        scope: { type: 'driver', driverId: 'driver-ev1' },
        strength: 'hard',
        status: 'active',
        value: { maxStops, reportedStops: 9 },
        expiresAt: null,
      });
    const tighter = shapeRequest(request, [cap(3)]);
    expect(tighter.request.vehicles.find((v) => v.id === 'EV-1')!.maxStops).toBe(3);
    expect(tighter.changes).toEqual([expect.objectContaining({ path: 'vehicles[1].maxStops', from: 4, to: 3 })]);
    const looser = shapeRequest(request, [cap(8)]);
    expect(looser.request).toEqual(request);
    expect(looser.rules.applied).toHaveLength(1);
  });
});

describe('arcs and access limits travel with the job', () => {
  it('a blocked pair forbids both directions; an odd sequence charges one direction', () => {
    const request = day();
    const [a, b] = request.orders.map((o) => ({ customerId: o.customerId }));
    const shaped = shapeRequest(request, [
      learned({
        kind: 'forbidden_arc',
        scope: { type: 'customer_pair', from: a!, to: b!, bothWays: true },
        strength: 'hard',
        status: 'active',
        value: {},
        expiresAt: null,
      }),
      learned({
        kind: 'arc_penalty',
        scope: { type: 'customer_pair', from: b!, to: { depotId: 'corbas' }, bothWays: false },
        strength: 'penalty',
        status: 'active',
        value: { penaltyMetres: 4000, reports: 2 },
        expiresAt: null,
      }),
      learned({
        kind: 'forbidden_arc',
        scope: { type: 'customer_pair', from: a!, to: { customerId: 'C-not-today' }, bothWays: true },
        strength: 'hard',
        status: 'active',
        value: {},
        expiresAt: null,
      }),
    ]);
    expect(shaped.rules.arcs?.map((r) => [r.from, r.to, r.kind, r.penaltyMetres])).toEqual([
      [a, b, 'forbidden', undefined],
      [b, a, 'forbidden', undefined],
      [b, { depotId: 'corbas' }, 'penalty', 4000],
    ]);
    expect(shaped.rules.arcs?.[0]?.source).toMatch(/^learned constraint lc-\d+ \(driver feedback fb-\d+\)$/);
    expect(shaped.rules.applied).toHaveLength(2);
  });

  it('a blocked road near a point forbids the short legs passing by it, not those ending inside it', () => {
    const base = day();
    const at = (lat: number, lon: number) => ({ lat, lon });
    const order = (id: string, lat: number, lon: number) => ({
      ...base.orders[0]!,
      id,
      customerId: id,
      location: at(lat, lon),
    });
    // West, east, far east, and one right at the point; the point is between west and east.
    const request = {
      ...base,
      orders: [order('W', 45.75, 4.83), order('E', 45.75, 4.85), order('FAR', 45.75, 5.2), order('IN', 45.7501, 4.84)],
    };
    const { arcs, capped } = zoneArcs(request, at(45.75, 4.84), 150, 5, 2000);
    expect(capped).toBe(false);
    const pairs = arcs.map(
      (a) =>
        `${'customerId' in a.from ? a.from.customerId : a.from.depotId}>${'customerId' in a.to ? a.to.customerId : a.to.depotId}`,
    );
    expect(pairs.sort()).toEqual(['E>W', 'W>E']);
    expect(zoneArcs(request, at(45.75, 4.84), 150, 5, 1).capped).toBe(true);
  });

  it('access limits become restrictions: an order no allowed vehicle can take is unassigned with the reason', async () => {
    const request = day();
    const customerId = request.orders[0]!.customerId;
    const c = learned({
      kind: 'vehicle_classes',
      scope: { type: 'customer', customerId },
      strength: 'hard',
      status: 'active',
      value: { vehicleClasses: ['van_n1', 'evan_n1'], refused: ['rigid_12t'] },
      expiresAt: null,
    });
    const truckOnly = { ...request, vehicles: request.vehicles.filter((v) => v.id === 'TR-12') };
    const shaped = shapeRequest(truckOnly, [c]);
    expect(shaped.rules.access).toEqual([
      { customerId, vehicleClasses: ['van_n1', 'evan_n1'], source: expect.stringContaining(c.id) },
    ]);
    const compiled = await compileRequest(shaped.request, { rules: compileRulesOf(shaped.rules) });
    const out = compiled.excluded.find((u) => u.orderId === request.orders[0]!.id);
    expect(out?.code).toBe('no_compatible_vehicle');
    expect(out?.reason).toContain(`rigid_12t cannot get to customer ${customerId}`);
    expect(out?.reason).toContain(c.id);
    expect(out?.reason).toContain('fb-');

    const withVans = await compileRequest(request, { rules: compileRulesOf(shapeRequest(request, [c]).rules) });
    expect(withVans.excluded.map((u) => u.orderId)).not.toContain(request.orders[0]!.id);
  });
});

describe('derivation at the edges', () => {
  it('a van that does not get in: nothing smaller exists, so a planner decides (proposed, no class)', () => {
    const request = day();
    const van = request.vehicles.find((v) => v.id === 'DV-1')!;
    const order = request.orders[0]!;
    const report = {
      kind: 'access_restricted',
      planId: 'p',
      vehicleId: 'DV-1',
      orderId: order.id,
      reason: 'vehicle_too_big',
    } as FeedbackRequest;
    const target = {
      type: 'stop' as const,
      orderId: order.id,
      customerId: order.customerId,
      position: 1,
      order,
      vehicle: van,
    };
    const out = deriveConstraint(report, target, 'driver-dv1');
    expect(out).toMatchObject({
      ok: true,
      draft: { status: 'proposed', value: { vehicleClasses: [], refused: ['van_n1'] } },
    });
    if (out.ok) expect(summarize(out.draft)).toMatch(/a planner decides/);
  });

  it('too_many_stops without a number: 90 % of the stops, at least one fewer', () => {
    const request = day();
    const truck = request.vehicles[0]!;
    const report = { kind: 'too_many_stops', planId: 'p', vehicleId: truck.id } as FeedbackRequest;
    const cap = (stops: number) => {
      const out = deriveConstraint(report, { type: 'route', stops, vehicle: truck }, null);
      return out.ok && out.draft.kind === 'max_stops' ? [out.draft.value.maxStops, out.draft.scope.type] : out;
    };
    expect(cap(30)).toEqual([27, 'vehicle']);
    expect(cap(5)).toEqual([4, 'vehicle']);
    expect(cap(1)).toMatchObject({ ok: false, refusal: { status: 400 } });
  });
});
