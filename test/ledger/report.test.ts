/** The manager's report over stored ledgers: totals, payback, CSV quoting. */
import { describe, expect, it } from 'vitest';
import { type LedgerSummaryRow, ledgerCsv, ledgerReport } from '../../src/ledger/report.ts';

const row = (over: Partial<LedgerSummaryRow>): LedgerSummaryRow => ({
  id: 'p1',
  name: null,
  date: '2026-12-01',
  status: 'succeeded',
  createdAt: '2026-11-30T20:00:00.000Z',
  objective: 'co2',
  stoppedBy: 'frugal',
  baselineKind: 'planner',
  factorSet: 'fr-arrete-2017',
  ordersServed: 150,
  savedKg: 4.18,
  computeKg: 0.00046,
  cpuSeconds: 170,
  energyWh: 0.98,
  ...over,
});

describe('ledger report', () => {
  it('sums plans and computes net and payback from the totals', () => {
    const r = ledgerReport(
      [row({}), row({ id: 'p2', savedKg: -1, computeKg: 0.00054, baselineKind: 'nearest-neighbour' })],
      null,
      null,
    );
    expect(r.plans[0]).toMatchObject({ savedKg: 4.18, computeG: 0.46, netKg: 4.17954, paybackRatio: 9087 });
    expect(r.plans[1]).toMatchObject({ savedKg: -1, netKg: -1.00054 });
    expect(r.totals).toMatchObject({ plans: 2, savedKg: 3.18, computeG: 1, netKg: 3.179, paybackRatio: 3180 });
  });

  it('has no payback ratio when nothing was measured, and an empty range is all zeros', () => {
    expect(ledgerReport([row({ computeKg: 0 })], null, null).plans[0].paybackRatio).toBeNull();
    const empty = ledgerReport([], '2026-01-01', '2026-01-31');
    expect(empty.totals).toEqual({
      plans: 0,
      savedKg: 0,
      computeG: 0,
      cpuSeconds: 0,
      energyWh: 0,
      netKg: 0,
      paybackRatio: null,
    });
    expect(ledgerCsv(empty).split('\r\n')).toHaveLength(3);
  });

  it('quotes CSV fields with commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = ledgerCsv(ledgerReport([row({ name: '=HYPERLINK("x"), Lyon' })], '2026-12-01', '2026-12-01'));
    const [, line, total] = csv.split('\r\n');
    expect(line.startsWith(`p1,"'=HYPERLINK(""x""), Lyon",2026-12-01,succeeded,`)).toBe(true);
    expect(total.startsWith('TOTAL,1 plans,2026-12-01..2026-12-01,')).toBe(true);
  });
});
