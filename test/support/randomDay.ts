/**
 * fast-check generator of small but nasty delivery days: several depots, open ends, two capacity
 * dimensions, one or two windows per order, skills, optional orders, tight shifts and limits.
 */
import fc from 'fast-check';
import type { PlanRequestInput } from '../../src/model/schema.ts';

const CENTRE = { lat: 45.76, lon: 4.84 };
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const point = fc.record({
  lat: fc.double({ min: CENTRE.lat - 0.08, max: CENTRE.lat + 0.08, noNaN: true }),
  lon: fc.double({ min: CENTRE.lon - 0.1, max: CENTRE.lon + 0.1, noNaN: true }),
});

const window = fc
  .tuple(fc.integer({ min: 6 * 60, max: 17 * 60 }), fc.integer({ min: 15, max: 6 * 60 }))
  .map(([start, length]) => ({ start: hhmm(start), end: hhmm(Math.min(start + length, 23 * 60)) }));

export const randomDay = fc
  .record({
    depots: fc.array(point, { minLength: 1, maxLength: 2 }),
    vehicles: fc.array(
      fc.record({
        cls: fc.constantFrom('van_n1', 'evan_n1', 'rigid_12t') as fc.Arbitrary<'van_n1' | 'evan_n1' | 'rigid_12t'>,
        kg: fc.integer({ min: 100, max: 2000 }),
        m3: fc.integer({ min: 2, max: 20 }),
        shiftStart: fc.integer({ min: 5 * 60, max: 10 * 60 }),
        shiftLength: fc.integer({ min: 3 * 60, max: 11 * 60 }),
        openEnd: fc.boolean(),
        depot: fc.nat(),
        endDepot: fc.nat(),
        maxStops: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        maxDistanceKm: fc.option(fc.integer({ min: 10, max: 80 }), { nil: undefined }),
        maxDurationMinutes: fc.option(fc.integer({ min: 60, max: 400 }), { nil: undefined }),
        fridge: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    orders: fc.array(
      fc.record({
        at: point,
        kg: fc.integer({ min: 0, max: 400 }),
        m3: fc.double({ min: 0, max: 3, noNaN: true }),
        service: fc.integer({ min: 0, max: 30 }),
        windows: fc.option(fc.array(window, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        fridge: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
        optional: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
        priority: fc.integer({ min: 0, max: 3 }),
        customer: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    objective: fc.constantFrom('cost', 'distance', 'duration') as fc.Arbitrary<'cost' | 'distance' | 'duration'>,
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ depots, vehicles, orders, objective, seed }): PlanRequestInput => {
    const maxKg = Math.max(...vehicles.map((v) => v.kg));
    const maxM3 = Math.max(...vehicles.map((v) => v.m3));
    return {
      date: '2026-12-01',
      timezone: 'Europe/Paris',
      objective,
      settings: { timeLimitSeconds: 0.3, seed, frugalStop: false, lp: false },
      depots: depots.map((location, i) => ({ id: `D${i}`, location, openingHours: { start: '05:00', end: '21:00' } })),
      vehicles: vehicles.map((v, i) => ({
        id: `V${i}`,
        startDepot: `D${v.depot % depots.length}`,
        endDepot: v.openEnd ? null : `D${v.endDepot % depots.length}`,
        capacity: { kg: v.kg, m3: v.m3 },
        shift: { start: hhmm(v.shiftStart), end: hhmm(Math.min(v.shiftStart + v.shiftLength, 21 * 60)) },
        costs: { fixed: 20 + i, perKm: 0.3, perHour: 25 },
        energy: { carrier: v.cls === 'evan_n1' ? 'electric' : 'diesel', vehicleClass: v.cls },
        maxStops: v.maxStops,
        maxDistanceKm: v.maxDistanceKm,
        maxDurationMinutes: v.maxDurationMinutes,
        skills: v.fridge ? ['fridge'] : [],
      })),
      orders: orders.map((o, i) => ({
        id: `O${i}`,
        customerId: `C${o.customer}`,
        location: o.at,
        // Keep demands carriable by some vehicle so the day passes validation.
        demand: { kg: Math.min(o.kg, maxKg), m3: Math.min(o.m3, maxM3) },
        serviceMinutes: o.service,
        timeWindows: o.windows,
        skills: o.fridge ? ['fridge'] : [],
        optional: o.optional,
        penalty: o.optional ? 200 : undefined,
        priority: o.priority,
      })),
    };
  });
