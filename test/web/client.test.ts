/**
 * The web client's pure parts, without a browser: the CSV mapping of orders and vehicles onto the
 * plan request (checked against the API's own schema), the CSV reader, a driver's route export,
 * and the chart scales.
 */
import { describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import type { PlannedRoute } from '../../src/plan/types.ts';
import { parseCsv, toCsv } from '../../src/web/client/csv.ts';
import {
  ordersFromCsv,
  ordersTemplate,
  ordersToCsv,
  vehiclesFromCsv,
  vehiclesTemplate,
  vehiclesToCsv,
} from '../../src/web/client/dayCsv.ts';
import { routeCsv } from '../../src/web/client/exports.ts';
import { linearScale, logScale, needsLog } from '../../src/web/client/scales.ts';
import { sampleDay } from '../support/days.ts';

describe('CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF and a BOM', () => {
    const t = parseCsv('\uFEFFid,name,note\r\n1,"Martin, Fils","say ""hi""\nat the back"\r\n2,plain,\r\n\r\n');
    expect(t.separator).toBe(',');
    expect(t.header).toEqual(['id', 'name', 'note']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['1', 'Martin, Fils', 'say "hi"\nat the back'],
      ['2', 'plain', ''],
    ]);
    // Line numbers count the line break inside the quoted field.
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('writes what it reads back, and defuses spreadsheet formulas in text', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x,y', '=SUM(A1)'],
        [1.5, null],
      ],
    );
    expect(text).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n1.5,\r\n');
    expect(parseCsv(text).rows.map((r) => r.cells)).toEqual([
      ['x,y', "'=SUM(A1)"],
      ['1.5', ''],
    ]);
  });
});

describe('orders and vehicles as CSV', () => {
  it('the sample day goes to CSV and back to the same request, which the API accepts', () => {
    const day = sampleDay();
    const orders = ordersFromCsv(ordersToCsv(day.orders));
    const vehicles = vehiclesFromCsv(vehiclesToCsv(day.vehicles));
    expect(orders.errors).toEqual([]);
    expect(vehicles.errors).toEqual([]);
    expect(orders.items).toEqual(day.orders);
    expect(vehicles.items).toEqual(day.vehicles);
    expect(orders.lines).toEqual(day.orders.map((_, i) => i + 2));
    expect(parsePlanRequest({ ...day, orders: orders.items, vehicles: vehicles.items }).ok).toBe(true);
  });

  it('the downloadable templates are valid orders and vehicles for the API', () => {
    const orders = ordersFromCsv(ordersTemplate());
    const vehicles = vehiclesFromCsv(vehiclesTemplate());
    expect(orders.errors).toEqual([]);
    expect(vehicles.errors).toEqual([]);
    const request = {
      date: '2026-12-01',
      depots: [{ id: 'corbas', location: { lat: 45.6687, lon: 4.9019 } }],
      vehicles: vehicles.items,
      orders: orders.items,
    };
    const parsed = parsePlanRequest(request);
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
    expect(orders.items[0]).toMatchObject({
      id: 'O-1',
      customerId: 'C-17',
      demand: { kg: 19.1, m3: 0.16 },
      timeWindows: [
        { start: '07:00', end: '10:00' },
        { start: '14:00', end: '17:00' },
      ],
    });
    expect(orders.items[1]).toMatchObject({
      skills: ['tail_lift'],
      optional: true,
      penalty: 80,
      demand: { pallets: 2 },
    });
  });

  it('maps each column onto its request field, whatever the order and case of the columns', () => {
    const csv = [
      'LON;lat;ID;customerid;Window1Start;window1end;kg;demand.crates;serviceMinutes;optional;skills;priority;notes',
      '4,8311;45,7296;A;;7h30;10:00;12,5;3;6;oui;cold|tail_lift;7;ring twice',
    ].join('\n');
    const read = ordersFromCsv(csv);
    expect(read.errors).toEqual([]);
    expect(read.ignored).toEqual(['notes']);
    expect(read.items).toEqual([
      {
        id: 'A',
        customerId: 'A',
        location: { lat: 45.7296, lon: 4.8311 },
        demand: { kg: 12.5, crates: 3 },
        serviceMinutes: 6,
        timeWindows: [{ start: '07:30', end: '10:00' }],
        skills: ['cold', 'tail_lift'],
        priority: 7,
        optional: true,
      },
    ]);
  });

  it('says which line and column of the file is wrong, and reads nothing from a file missing a column', () => {
    const bad = ordersFromCsv('id,lat,lon,kg,window1Start,optional\nA,45.7,4.8,12kg,08:00,maybe\n,45.7,north,1,,\n');
    expect(bad.errors).toEqual([
      { line: 2, column: 'kg', message: 'kg "12kg" is not a number' },
      { line: 2, column: 'window1End', message: 'window 1 needs both a start and an end' },
      { line: 2, column: 'optional', message: 'optional "maybe" is not yes/no' },
      { line: 3, column: 'id', message: 'id is empty' },
      { line: 3, column: 'lon', message: 'lon "north" is not a number' },
    ]);
    const missing = ordersFromCsv('id,latitude,longitude\nA,45.7,4.8\n');
    expect(missing.items).toEqual([]);
    expect(missing.errors).toEqual([{ line: 1, column: null, message: 'missing columns: lat, lon' }]);
    expect(vehiclesFromCsv('id,startDepot\nV,D\n').errors[0]!.message).toBe('missing columns: carrier, vehicleClass');
  });

  it('reads an open-ended vehicle and a shift', () => {
    const read = vehiclesFromCsv(
      'id,startDepot,endDepot,kg,shiftStart,shiftEnd,carrier,vehicleClass\nV1,d,none,900,06:00,14:00,diesel,van_n1\n',
    );
    expect(read.items[0]).toEqual({
      id: 'V1',
      startDepot: 'd',
      endDepot: null,
      capacity: { kg: 900 },
      shift: { start: '06:00', end: '14:00' },
      energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
    });
  });
});

describe("a driver's route as CSV", () => {
  it('lists the stops in driving order with window, ETA and what to deliver', () => {
    const day = sampleDay();
    const orders = new Map(day.orders.map((o) => [o.id, o]));
    const stop = (orderId: string, arrival: string, legKm: number) => ({
      orderId,
      customerId: orders.get(orderId)!.customerId,
      location: orders.get(orderId)!.location,
      arrival,
      serviceStart: arrival,
      departure: arrival,
      legKm,
      legMinutes: 3,
      loadAfter: { kg: 100 },
    });
    const route = { stops: [stop('O-1002', '08:10', 4.2), stop('O-1001', '13:05', 2)] } as unknown as PlannedRoute;
    const rows = parseCsv(routeCsv(route, orders)).rows.map((r) => r.cells);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['1', 'O-1002', 'C-0038', 'Shop 2'],
      ['2', 'O-1001', 'C-0001', 'Home 1'],
    ]);
    expect(rows[0]!.slice(7, 9)).toEqual(['07:00–12:00', '08:10']);
    expect(rows[1]![12]).toBe('19.1');
  });
});

describe('chart scales', () => {
  it('a linear scale has round ticks covering the data', () => {
    const y = linearScale(3, 97, 300, 0);
    expect(y.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(y(0)).toBe(300);
    expect(y(100)).toBe(0);
    expect(y(50)).toBe(150);
  });

  it('a log scale spans whole decades, so 5 g and 20 kg share one axis', () => {
    const y = logScale(5, 20_000, 300, 0);
    expect(y.ticks).toEqual([1, 10, 100, 1000, 10_000, 100_000]);
    expect(y(1)).toBe(300);
    expect(y(100_000)).toBe(0);
    expect(y(1000)).toBeCloseTo(120, 9);
  });

  it('asks for a log scale only when one value is many times another', () => {
    expect(needsLog([28_940, 5.2])).toBe(true);
    expect(needsLog([120, 80, 0, -4])).toBe(false);
    expect(needsLog([7])).toBe(false);
  });
});
