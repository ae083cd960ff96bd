/**
 * GET /v1/ledger through the real spine: API in this process, a real Redis, a `tournee worker`
 * process solving real plans; the report lists the plans of the date range with the figures of
 * their own ledgers, totals that add up, CSV on request, and clear 4xx for a bad range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerReport } from '../../src/ledger/report.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { smallDay } from '../support/days.ts';
import { waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';

let stack: StartedApi;
const results = new Map<string, PlanResult>();
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiWithRedis();
  await stack.startWorker({ TOURNEE_SOLVE_MODULE: '' });
  const day = smallDay(10, 1);
  const bodies: Record<string, object> = {
    '2026-12-01': { ...day, date: '2026-12-01' },
    '2026-12-02': {
      ...day,
      date: '2026-12-02',
      name: 'planner, baseline "as driven"',
      baseline: { routes: [{ vehicleId: 'DV-1', orderIds: day.orders.map((o) => o.id).reverse() }] },
    },
    '2026-12-09': { ...day, date: '2026-12-09' },
  };
  for (const [date, body] of Object.entries(bodies)) {
    const res = await stack.api.request('POST', '/v1/plans', body);
    expect(res.status).toBe(202);
    ids[date] = res.body.id;
  }
  for (const id of Object.values(ids)) {
    await waitUntil(
      `plan ${id} to finish`,
      async () => ((await stack.api.request('GET', `/v1/plans/${id}`)).body.status === 'succeeded' ? true : null),
      60_000,
      100,
    );
    results.set(id, (await stack.api.request('GET', `/v1/plans/${id}/result`)).body);
  }
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('GET /v1/ledger', () => {
  it('reports each plan of the range with its own ledger figures, and totals that add up', async () => {
    const res = await stack.api.request('GET', '/v1/ledger?from=2026-12-01&to=2026-12-02');
    expect(res.status).toBe(200);
    const report = res.body as LedgerReport;
    expect(report.from).toBe('2026-12-01');
    expect(report.to).toBe('2026-12-02');
    expect(report.plans.map((p) => p.id)).toEqual([ids['2026-12-01'], ids['2026-12-02']]);
    for (const p of report.plans) {
      const ledger = results.get(p.id)!.ledger!;
      expect(p.savedKg).toBe(ledger.net.savedKg);
      expect(p.computeG).toBeCloseTo(ledger.compute.totalG, 6);
      expect(p.computeG).toBeGreaterThan(0);
      expect(p.cpuSeconds).toBe(ledger.compute.cpuSeconds);
      expect(p.netKg).toBeCloseTo(ledger.net.netKg, 6);
      expect(p.baseline).toBe(ledger.baseline.kind);
      expect(p.factorSet).toBe('fr-arrete-2017');
    }
    expect(report.plans.map((p) => p.baseline)).toEqual(['nearest-neighbour', 'planner']);
    const sum = (f: (p: LedgerReport['plans'][number]) => number) => report.plans.reduce((s, p) => s + f(p), 0);
    expect(report.totals.plans).toBe(2);
    expect(report.totals.savedKg).toBeCloseTo(
      sum((p) => p.savedKg),
      4,
    );
    expect(report.totals.computeG).toBeCloseTo(
      sum((p) => p.computeG),
      6,
    );
    expect(report.totals.netKg).toBeCloseTo(report.totals.savedKg - report.totals.computeG / 1000, 6);
    expect(report.totals.paybackRatio).toBeCloseTo(report.totals.savedKg / (report.totals.computeG / 1000), 0);
  });

  it('covers every plan when the range is open', async () => {
    const res = await stack.api.request('GET', '/v1/ledger');
    expect(res.status).toBe(200);
    expect(res.body.plans.map((p: { id: string }) => p.id)).toEqual(Object.values(ids));
    const after = await stack.api.request('GET', '/v1/ledger?from=2026-12-03');
    expect(after.body.plans.map((p: { id: string }) => p.id)).toEqual([ids['2026-12-09']]);
  });

  it('gives CSV with Accept: text/csv: a header, one line per plan, a TOTAL line', async () => {
    const res = await stack.api.request('GET', '/v1/ledger?from=2026-12-01&to=2026-12-02', undefined, {
      accept: 'text/csv',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (res.body as string).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['plan_id', 'name', 'date']);
    const saved = header.indexOf('saved_kg_co2e');
    const row = (i: number) => csvFields(lines[i]);
    expect(row(1)[0]).toBe(ids['2026-12-01']);
    expect(row(2)[1]).toBe('planner, baseline "as driven"');
    expect(Number(row(1)[saved])).toBe(results.get(ids['2026-12-01'])!.ledger!.net.savedKg);
    expect(row(3)[0]).toBe('TOTAL');
    expect(row(3)).toHaveLength(header.length);
  });

  it('answers 400 with the bad parameter for a bad range, 406 for a type it cannot give', async () => {
    const bad = await stack.api.request('GET', '/v1/ledger?from=2026-13-01&to=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['from', 'to']);
    const reversed = await stack.api.request('GET', '/v1/ledger?from=2026-12-05&to=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues[0].message).toMatch(/ends \(2026-12-01\) before it starts/);
    const png = await stack.api.request('GET', '/v1/ledger', undefined, { accept: 'image/png' });
    expect(png.status).toBe(406);
  });
});

/** Fields of one RFC 4180 line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      out.push(value);
      i++; // the comma
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe('who may read the ledger', () => {
  it('a manager key reads it; a driver key is refused; no key is unauthorised', async () => {
    const manager = stack.api.createKey('manager');
    const asManager = await stack.api.request('GET', '/v1/ledger', undefined, { authorization: `Bearer ${manager}` });
    expect(asManager.status).toBe(200);
    expect(asManager.body.totals.plans).toBe(3);
    const driver = stack.api.createKey('driver', 'driver-dv1');
    const asDriver = await stack.api.request('GET', '/v1/ledger', undefined, { authorization: `Bearer ${driver}` });
    expect(asDriver.status).toBe(403);
    expect((await stack.api.request('GET', '/v1/ledger', undefined, { authorization: '' })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents /v1/ledger and the emission settings of a plan request', async () => {
    const res = await stack.api.request('GET', '/openapi.json');
    expect(res.body.paths['/v1/ledger'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to']);
    const emissions = res.body.components.schemas.PlanRequest.properties.emissions;
    expect(emissions.properties.factorSet.enum).toEqual(['fr-arrete-2017', 'ademe-base-carbone-2025']);
    expect(Object.keys(emissions.properties)).toEqual(
      expect.arrayContaining(['gridRegion', 'compute', 'frugal', 'vehicles']),
    );
  });
});
