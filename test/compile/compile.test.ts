import { describe, expect, it } from 'vitest';
import { FORBIDDEN } from '../../solvers/problem.ts';
import type { PlanRequestInput } from '../../src/model/schema.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { compileRequest } from '../../src/pipeline/solvePlan.ts';

function day(patch: (r: PlanRequestInput) => void = () => {}) {
  const body: PlanRequestInput = {
    date: '2026-12-01',
    depots: [{ id: 'D', location: { lat: 45.7, lon: 4.9 }, openingHours: { start: '06:00', end: '20:00' } }],
    vehicles: [
      {
        id: 'van',
        startDepot: 'D',
        capacity: { kg: 1000, m3: 10 },
        shift: { start: '07:00', end: '17:00' },
        energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
      },
      {
        id: 'truck',
        startDepot: 'D',
        endDepot: null,
        capacity: { kg: 5000 },
        skills: ['tail_lift'],
        energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
      },
    ],
    orders: [
      { id: 'a', customerId: 'A', location: { lat: 45.76, lon: 4.84 }, demand: { kg: 10 } },
      { id: 'b', customerId: 'B', location: { lat: 45.75, lon: 4.85 }, demand: { kg: 2000 } },
      { id: 'c', customerId: 'C', location: { lat: 45.77, lon: 4.83 }, demand: { kg: 5 }, skills: ['crane'] },
      {
        id: 'd',
        customerId: 'D1',
        location: { lat: 45.74, lon: 4.86 },
        demand: { kg: 1 },
        timeWindows: [
          { start: '10:00', end: '11:00' },
          { start: '08:00', end: '09:00' },
          { start: '08:30', end: '09:30' },
        ],
      },
    ],
  };
  patch(body);
  const parsed = parsePlanRequest(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

describe('compileProblem', () => {
  it('takes out orders no vehicle can serve, with the reason, and maps the rest', async () => {
    const c = await compileRequest(day());
    expect(c.excluded.map((u) => [u.orderId, u.code])).toEqual([['c', 'no_compatible_vehicle']]);
    expect(c.excluded[0].reason).toContain('lacks skill crane');
    expect(c.data.numClients).toBe(3);
    expect([...c.locationOfOrder]).toEqual([2, 3, -1, 4]);
    // b (2000 kg) only fits the truck
    const types = c.data.numVehicleTypes;
    expect([c.data.allowed[3 * types], c.data.allowed[3 * types + 1]]).toEqual([0, 1]);
  });

  it('gives an open-ended vehicle a virtual end depot with free arcs', async () => {
    const c = await compileRequest(day());
    const { data } = c;
    expect(data.numDepots).toBe(2);
    expect(data.vehicleTypes[1].endDepot).toBe(1);
    expect(c.depotOfLocation[1]).toBe(-1);
    const n = data.numLocations;
    for (let i = 0; i < n; i++) expect(data.distance[data.vehicleTypes[1].profile][i * n + 1]).toBe(0);
  });

  it('merges overlapping windows and keeps them sorted', async () => {
    const { data, locationOfOrder } = await compileRequest(day());
    const loc = locationOfOrder[3];
    const from = data.twStart[loc];
    const to = data.twStart[loc + 1];
    expect([...data.twOpen.subarray(from, to)]).toEqual([8 * 3600, 10 * 3600]);
    expect([...data.twClose.subarray(from, to)]).toEqual([9.5 * 3600, 11 * 3600]);
    expect(data.multiWindow[loc]).toBe(1);
  });

  it('forbids learned arcs in the planning matrix but not in the road matrix', async () => {
    const c = await compileRequest(day(), {
      rules: { arcs: [{ from: { customerId: 'A' }, to: { customerId: 'D1' }, kind: 'forbidden', source: 'test' }] },
    });
    const n = c.data.numLocations;
    const [a, d] = [c.locationOfOrder[0], c.locationOfOrder[3]];
    expect(c.data.distance[c.data.vehicleTypes[0].profile][a * n + d]).toBe(FORBIDDEN);
    expect(c.roadDistance[0][a * n + d]).toBeLessThan(FORBIDDEN);
    expect(c.data.distance[c.data.vehicleTypes[0].profile][d * n + a]).toBeLessThan(FORBIDDEN);
  });

  it('prices required orders above any route and by priority', async () => {
    const c = await compileRequest(
      day((r) => {
        r.orders[0].priority = 3;
        r.orders.push({
          id: 'e',
          customerId: 'E',
          location: { lat: 45.7, lon: 4.8 },
          demand: { kg: 1 },
          optional: true,
          penalty: 12,
        });
      }),
    );
    const [a, b, , , e] = c.locationOfOrder;
    expect(c.data.unservedPenalty[a]).toBeCloseTo(4 * c.data.unservedPenalty[b]);
    expect(c.data.unservedPenalty[e]).toBe(12);
    expect(c.data.required[e]).toBe(0);
  });

  it('says when a cost objective has no costs and minimises distance instead', async () => {
    const c = await compileRequest(day());
    expect(c.objective).toBe('distance');
    expect(c.notes.join()).toContain('no vehicle has costs');
  });
});
