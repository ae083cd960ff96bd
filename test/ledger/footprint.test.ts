/**
 * The measured compute footprint: the CPU meter counts the calling thread only (not the process),
 * and a solve that burns more CPU reports more CPU-seconds, energy and CO2e.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { solveBasic } from '../../solvers/basic.ts';
import { cpuSeconds, serverComputeRegion, statCpuSeconds } from '../../src/ledger/footprint.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';

/** Busy-loops until this thread has used `seconds` more CPU (by its own procfs counter). */
function burn(seconds: number): void {
  const start = cpuSeconds().seconds;
  let x = 0;
  while (cpuSeconds().seconds - start < seconds) for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
  if (x < 0) throw new Error('unreachable');
}

const WORKER_BURN = `
const { readFileSync } = require('node:fs');
const cpu = () => { const s = readFileSync('/proc/thread-self/stat', 'latin1'); const r = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(r[11]) + Number(r[12])) / 100; };
const start = cpu(); let x = 0;
while (cpu() - start < 0.4) for (let i = 0; i < 100000; i++) x += Math.sqrt(i);
`;

describe('CPU meter', () => {
  it('reads this thread from procfs, and does not count another busy thread of the process', async () => {
    expect(cpuSeconds().scope).toBe('thread');
    const thread0 = cpuSeconds().seconds;
    const process0 = process.cpuUsage();
    await new Promise<void>((resolve, reject) => {
      const w = new Worker(WORKER_BURN, { eval: true });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
    const threadUsed = cpuSeconds().seconds - thread0;
    const p = process.cpuUsage(process0);
    const processUsed = (p.user + p.system) / 1e6;
    expect(processUsed).toBeGreaterThanOrEqual(0.39);
    expect(threadUsed).toBeLessThan(0.2);
  });

  it('parses utime and stime after a command name holding spaces and parentheses', () => {
    const line = '4242 (node (solve) 1) R 1 4242 4242 0 -1 4194560 2300 0 0 0 1234 56 0 0 20 0 9 0 777 1 2 3';
    expect(statCpuSeconds(line)).toBeCloseTo(12.9, 9);
  });
});

describe('a solve that burns more CPU', () => {
  const body = {
    date: '2026-12-01',
    objective: 'distance',
    settings: { timeLimitSeconds: 30, frugalStop: false },
    depots: [{ id: 'D', location: { lat: 45.7, lon: 4.9 } }],
    vehicles: [
      { id: 'V', startDepot: 'D', capacity: { kg: 1000 }, energy: { carrier: 'diesel', vehicleClass: 'van_n1' } },
    ],
    orders: Array.from({ length: 8 }, (_, i) => ({
      id: `O${i}`,
      customerId: `c${i}`,
      location: { lat: 45.7 + 0.01 * i, lon: 4.9 + 0.005 * (i % 3) },
      demand: { kg: 50 },
    })),
  };

  it('reports more CPU-seconds, more Wh and more g CO2e', async () => {
    const parsed = parsePlanRequest(body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const run = async (extraCpu: number) => {
      let burned = false;
      const plan = await solvePlan(parsed.value, {
        solver: solveBasic,
        shouldStop: () => {
          if (!burned && extraCpu > 0) burn(extraCpu);
          burned = true;
          return null;
        },
      });
      return plan.ledger!.compute;
    };
    await run(0); // warm-up: module loading and JIT would otherwise be charged to the first run
    const plain = await run(0);
    const heavy = await run(0.5);
    expect(heavy.cpuSeconds).toBeGreaterThanOrEqual(0.5);
    expect(heavy.cpuSeconds).toBeGreaterThan(plain.cpuSeconds);
    expect(heavy.energyWh).toBeGreaterThan(plain.energyWh);
    expect(heavy.totalG).toBeGreaterThan(plain.totalG);
    expect(heavy.cpuScope).toBe('thread');
    expect(heavy.basis).toMatch(/^estimated/);
  });
});

describe('compute region of the worker', () => {
  it('comes from TOURNEE_COMPUTE_REGION when it names a grid region, else the world default', () => {
    expect(serverComputeRegion({ TOURNEE_COMPUTE_REGION: 'FR' })).toBe('FR');
    expect(serverComputeRegion({ TOURNEE_COMPUTE_REGION: 'Atlantis' })).toBe('WORLD-IEA-2019');
    expect(serverComputeRegion({})).toBe('WORLD-IEA-2019');
  });
});
