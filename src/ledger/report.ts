/**
 * The manager's view over many plans (GET /v1/ledger): per plan and in total, the road CO2e saved
 * against each plan's baseline, what the computation cost, the net saving and the payback ratio.
 * Pure functions over rows the store reads from saved results; JSON and CSV renderings.
 */

/** What the store reads back for one plan with a ledger. */
export interface LedgerSummaryRow {
  readonly id: string;
  readonly name: string | null;
  /** Plan (delivery) date, YYYY-MM-DD. */
  readonly date: string;
  readonly status: string;
  readonly createdAt: string;
  readonly objective: string | null;
  readonly stoppedBy: string | null;
  readonly baselineKind: string | null;
  readonly factorSet: string | null;
  readonly ordersServed: number | null;
  readonly savedKg: number | null;
  readonly computeKg: number | null;
  readonly cpuSeconds: number | null;
  readonly energyWh: number | null;
}

export interface LedgerReportPlan {
  readonly id: string;
  readonly name: string | null;
  readonly date: string;
  readonly status: string;
  readonly createdAt: string;
  readonly objective: string | null;
  readonly stoppedBy: string | null;
  /** 'planner' or 'nearest-neighbour': what the saving is measured against. */
  readonly baseline: string | null;
  readonly factorSet: string | null;
  readonly ordersServed: number;
  /** Road CO2e saved against the plan's baseline, kg WTW. */
  readonly savedKg: number;
  /** CO2e of the solve, g. */
  readonly computeG: number;
  readonly cpuSeconds: number;
  readonly energyWh: number;
  /** savedKg − computeG / 1000. */
  readonly netKg: number;
  /** savedKg ÷ compute kg; null when the compute measured 0. */
  readonly paybackRatio: number | null;
}

export interface LedgerReport {
  /** The plan dates covered (inclusive), null when open. */
  readonly from: string | null;
  readonly to: string | null;
  readonly plans: readonly LedgerReportPlan[];
  readonly totals: {
    readonly plans: number;
    readonly savedKg: number;
    readonly computeG: number;
    readonly cpuSeconds: number;
    readonly energyWh: number;
    readonly netKg: number;
    readonly paybackRatio: number | null;
  };
  readonly notes: readonly string[];
}

const NOTES = [
  'saved = the baseline CO2e minus the plan CO2e (kg, well-to-wheel), each plan against its own labelled baseline',
  "a naive nearest-neighbour baseline flatters the optimiser: send the planner's routes as baseline.routes for a fair figure",
  'every solve counts its own compute; re-solving the same day counts each solve and each saving',
];

const r = (x: number, digits: number) => {
  const f = 10 ** digits;
  const y = Math.round(x * f) / f;
  return Object.is(y, -0) ? 0 : y;
};
const ratio = (savedKg: number, computeKg: number) => (computeKg > 0 ? r(savedKg / computeKg, 1) : null);

export function ledgerReport(rows: readonly LedgerSummaryRow[], from: string | null, to: string | null): LedgerReport {
  const plans = rows.map((row): LedgerReportPlan => {
    const savedKg = row.savedKg ?? 0;
    const computeKg = row.computeKg ?? 0;
    return {
      id: row.id,
      name: row.name,
      date: row.date,
      status: row.status,
      createdAt: row.createdAt,
      objective: row.objective,
      stoppedBy: row.stoppedBy,
      baseline: row.baselineKind,
      factorSet: row.factorSet,
      ordersServed: row.ordersServed ?? 0,
      savedKg: r(savedKg, 4),
      computeG: r(computeKg * 1000, 6),
      cpuSeconds: r(row.cpuSeconds ?? 0, 2),
      energyWh: r(row.energyWh ?? 0, 6),
      netKg: r(savedKg - computeKg, 6),
      paybackRatio: ratio(savedKg, computeKg),
    };
  });
  const sum = (f: (p: LedgerReportPlan) => number) => plans.reduce((s, p) => s + f(p), 0);
  const savedKg = sum((p) => p.savedKg);
  const computeG = sum((p) => p.computeG);
  const factorSets = new Set(plans.map((p) => p.factorSet));
  return {
    from,
    to,
    plans,
    totals: {
      plans: plans.length,
      savedKg: r(savedKg, 4),
      computeG: r(computeG, 6),
      cpuSeconds: r(
        sum((p) => p.cpuSeconds),
        2,
      ),
      energyWh: r(
        sum((p) => p.energyWh),
        6,
      ),
      netKg: r(savedKg - computeG / 1000, 6),
      paybackRatio: ratio(savedKg, computeG / 1000),
    },
    notes:
      factorSets.size > 1 ? [...NOTES, `the plans use different factor sets: ${[...factorSets].join(', ')}`] : NOTES,
  };
}

export const CSV_COLUMNS = [
  'plan_id',
  'name',
  'date',
  'status',
  'objective',
  'stopped_by',
  'baseline',
  'factor_set',
  'orders_served',
  'saved_kg_co2e',
  'compute_g_co2e',
  'cpu_seconds',
  'energy_wh',
  'net_kg_co2e',
  'payback_ratio',
] as const;

/** One line per plan, then a TOTAL line (RFC 4180: CRLF, fields quoted when they need it). */
export function ledgerCsv(report: LedgerReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of report.plans) {
    lines.push(
      [
        p.id,
        p.name,
        p.date,
        p.status,
        p.objective,
        p.stoppedBy,
        p.baseline,
        p.factorSet,
        p.ordersServed,
        p.savedKg,
        p.computeG,
        p.cpuSeconds,
        p.energyWh,
        p.netKg,
        p.paybackRatio,
      ]
        .map(csvField)
        .join(','),
    );
  }
  const t = report.totals;
  const span = `${report.from ?? ''}..${report.to ?? ''}`;
  lines.push(
    [
      'TOTAL',
      `${t.plans} plans`,
      span,
      '',
      '',
      '',
      '',
      '',
      '',
      t.savedKg,
      t.computeG,
      t.cpuSeconds,
      t.energyWh,
      t.netKg,
      t.paybackRatio,
    ]
      .map(csvField)
      .join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote what would break the row, and what a spreadsheet would run as a formula.
  const text = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
