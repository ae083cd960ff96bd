/**
 * Readers: Solomon and VRPLIB files map to ProblemData with the benchmark conventions, and ids
 * map back to the file. The CVRPLIB check recomputes a published best-known solution's cost
 * through our matrix, which pins down both the rounding and the id mapping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, parseSolomon, parseVrplib, readInstanceFile } from '../../src/formats/index.ts';
import { checkSolution } from '../support/checkSolution.ts';

// Copies of a few public instances (datasets/benchmarks/README.md): the tests need only a clone.
const instances = join(import.meta.dirname, '../../datasets/benchmarks');

describe('Solomon reader', () => {
  it('reads C101 with the benchmark conventions', () => {
    const inst = readInstanceFile(join(instances, 'solomon/C101.txt'), 'solomon');
    const p = inst.problem;
    expect(inst.name).toBe('C101');
    expect(p.numDepots).toBe(1);
    expect(p.numClients).toBe(100);
    expect(p.vehicleTypes).toHaveLength(1);
    expect(p.vehicleTypes[0].count).toBe(25);
    expect(p.vehicleTypes[0].capacity[0]).toBe(200);
    expect(p.vehicleTypes[0].shiftEnd).toBe(1236);
    expect(inst.locationIds[1]).toBe('1');
    // customer 1: 45 68 10 912 967 90; depot at 40 50: double-precision Euclidean.
    expect(p.distance[0][0 * 101 + 1]).toBeCloseTo(Math.hypot(5, 18), 12);
    expect(p.duration[0][0 * 101 + 1]).toBe(p.distance[0][0 * 101 + 1]);
    expect(p.serviceTime[1]).toBe(90);
    expect([p.twOpen[1], p.twClose[1]]).toEqual([912, 967]);
    expect(p.demand[1]).toBe(10);
    expect(p.required[1]).toBe(1);
  });

  it('rejects a malformed customer line with its line number', () => {
    const text = 'X\nVEHICLE\nNUMBER CAPACITY\n 2 10\nCUSTOMER\n 0 0 0 0 0 100 0\n 1 5 five 1 0 50 1\n';
    expect(() => parseSolomon(text, 'bad.txt')).toThrow(FormatError);
    expect(() => parseSolomon(text, 'bad.txt')).toThrow(/bad\.txt:7/);
  });
});

describe('VRPLIB reader', () => {
  it('reproduces the published cost of the X-n101-k25 best-known solution', () => {
    const inst = readInstanceFile(join(instances, 'cvrp-x/X-n101-k25.vrp'), 'vrplib');
    const p = inst.problem;
    expect(p.numClients).toBe(100);
    expect(p.vehicleTypes[0].count).toBe(100);
    expect(p.vehicleTypes[0].capacity[0]).toBe(206);
    const sol = readFileSync(join(instances, 'cvrp-x/X-n101-k25.sol'), 'utf8');
    const byId = new Map(inst.locationIds.map((id, loc) => [id, loc]));
    // .sol numbers customers as node id - 1.
    const routes = sol
      .split(/\r?\n/)
      .filter((l) => l.startsWith('Route'))
      .map((l) => ({
        vehicleType: 0,
        visits: Int32Array.from(
          l
            .split(':')[1]
            .trim()
            .split(/\s+/)
            .map((c) => byId.get(String(Number(c) + 1))!),
        ),
      }));
    const check = checkSolution(p, { routes, objective: 0, feasible: true });
    expect(check.errors).toEqual([]);
    expect(check.unserved).toEqual([]);
    expect(check.distance).toBe(27591);
  });

  it('reads explicit matrices, time windows and a vehicle limit', () => {
    const text = [
      'NAME : tiny',
      'TYPE : VRPTW',
      'DIMENSION : 3',
      'VEHICLES : 2',
      'CAPACITY : 10',
      'EDGE_WEIGHT_TYPE : EXPLICIT',
      'EDGE_WEIGHT_FORMAT : LOWER_ROW',
      'EDGE_WEIGHT_SECTION',
      '4',
      '5 3',
      'DEMAND_SECTION',
      '1 0',
      '2 4',
      '3 6',
      'TIME_WINDOW_SECTION',
      '1 0 100',
      '2 10 20',
      '3 0 50',
      'SERVICE_TIME_SECTION',
      '1 0',
      '2 2',
      '3 2',
      'DEPOT_SECTION',
      '1',
      '-1',
      'EOF',
    ].join('\n');
    const inst = parseVrplib(text, 'tiny.vrp');
    const p = inst.problem;
    expect(p.vehicleTypes[0].count).toBe(2);
    expect(Array.from(p.distance[0])).toEqual([0, 4, 5, 4, 0, 3, 5, 3, 0]);
    expect([p.twOpen[1], p.twClose[1], p.serviceTime[1]]).toEqual([10, 20, 2]);
    expect(inst.locationIds).toEqual(['1', '2', '3']);
  });

  it('says which header is wrong', () => {
    expect(() => parseVrplib('NAME : x\nDIMENSION : 2\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : GEO\n', 'g.vrp')).toThrow(
      /EDGE_WEIGHT_TYPE GEO/,
    );
  });
});
