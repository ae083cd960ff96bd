/**
 * The labelled baseline: the planner's routes are re-timed and re-costed with the plan's model and
 * what they break is reported (late, over capacity, forbidden leg, not allowed, route limits,
 * shift), orders they leave out are listed; without routes the naive plan is labelled as such.
 */
import { describe, expect, it } from 'vitest';
import { solveBasic } from '../../solvers/basic.ts';
import type { CompileRules } from '../../src/compile/rules.ts';
import type { PlanRequestInput } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';

const at = (dLat: number) => ({ lat: 45.7 + dLat, lon: 4.9 });

function day(baseline?: PlanRequestInput['baseline']): PlanRequestInput {
  return {
    date: '2026-12-01',
    objective: 'distance',
    settings: { timeLimitSeconds: 5, frugalStop: false },
    depots: [{ id: 'D', location: at(0), openingHours: { start: '06:00', end: '20:00' } }],
    vehicles: [
      {
        id: 'V1',
        startDepot: 'D',
        capacity: { kg: 500 },
        shift: { start: '07:00', end: '17:00' },
        maxStops: 2,
        energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
      },
      {
        id: 'V2',
        startDepot: 'D',
        capacity: { kg: 2000 },
        shift: { start: '07:00', end: '17:00' },
        skills: ['tail_lift'],
        energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
      },
    ],
    orders: [
      {
        id: 'A',
        customerId: 'a',
        location: at(0.05),
        demand: { kg: 300 },
        timeWindows: [{ start: '08:00', end: '08:30' }],
      },
      {
        id: 'B',
        customerId: 'b',
        location: at(0.1),
        demand: { kg: 300 },
        timeWindows: [{ start: '07:00', end: '07:45' }],
      },
      { id: 'C', customerId: 'c', location: at(0.12), demand: { kg: 100 }, skills: ['tail_lift'] },
      { id: 'E', customerId: 'e', location: at(0.02), demand: { kg: 50 } },
    ],
    baseline,
  };
}

const rules: CompileRules = {
  arcs: [{ from: { customerId: 'a' }, to: { customerId: 'b' }, kind: 'forbidden', source: 'feedback #7' }],
};

async function plan(body: PlanRequestInput) {
  const parsed = parsePlanRequest(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const result = await solvePlan(parsed.value, { solver: solveBasic, rules });
  return result.ledger!;
}

describe("the planner's routes as baseline", () => {
  it('are re-costed and every broken constraint is reported, not hidden', async () => {
    const ledger = await plan(day({ routes: [{ vehicleId: 'V1', orderIds: ['A', 'B', 'C'] }] }));
    const b = ledger.baseline;
    expect(b.kind).toBe('planner');
    expect(b.label).toMatch(/planner/);
    expect(b.feasible).toBe(false);
    const codes = b.issues.map((i) => `${i.code}:${i.orderId ?? ''}`);
    expect(codes).toEqual(
      expect.arrayContaining(['over_capacity:', 'late:B', 'forbidden_leg:B', 'not_allowed:C', 'max_stops:']),
    );
    expect(b.issues.find((i) => i.code === 'late')!.detail).toMatch(/after its last window closes \(07:45\)/);
    expect(b.issues.find((i) => i.code === 'forbidden_leg')!.detail).toMatch(
      /order A → order B, forbidden by feedback #7/,
    );
    expect(b.unservedOrderIds).toEqual(['E']);
    expect(b.sameOrders).toBe(false);
    expect(ledger.notes.join(' ')).toMatch(/baseline breaks \d+ constraint/);
    expect(ledger.notes.join(' ')).toMatch(/not the same set/);
    // Re-costed with the same model: the baseline row carries the load of 700 kg from the depot.
    const row = ledger.routes.find((r) => r.vehicleId === 'V1')!;
    expect(row.baseline!.km).toBeGreaterThan(0);
    expect(row.baseline!.fuelL).toBeGreaterThan(0);
    expect(ledger.orders.find((o) => o.orderId === 'E')!.baseline).toBeNull();
  });

  it('a feasible planner baseline reports no issue', async () => {
    const ledger = await plan(
      day({
        routes: [
          { vehicleId: 'V1', orderIds: ['E', 'A'] },
          { vehicleId: 'V2', orderIds: ['B', 'C'] },
        ],
      }),
    );
    expect(ledger.baseline.issues).toEqual([]);
    expect(ledger.baseline.feasible).toBe(true);
    expect(ledger.baseline.unservedOrderIds).toEqual([]);
  });
});

describe('without baseline routes', () => {
  it('uses the nearest-neighbour plan, labelled as naive', async () => {
    const ledger = await plan(day());
    expect(ledger.baseline.kind).toBe('nearest-neighbour');
    expect(ledger.baseline.label).toMatch(/naive nearest-neighbour plan/);
    expect(ledger.baseline.method).toMatch(/nearest unserved order/);
    expect(ledger.baseline.issues).toEqual([]);
    expect(ledger.baseline.unservedOrderIds).toEqual([]);
  });
});
