/**
 * The manager's page: the ledger over time (GET /v1/ledger) — per plan, CO2e saved on the road
 * next to CO2e spent computing, totals and the payback ratio; one plan's anytime curve (from its
 * result's ledger: how the plan improved with compute and where the search stopped); and the
 * learned constraints with their provenance, read-only.
 */
import { api, apiBlob, describe } from '../api.ts';
import { anytimeCharts, chartWidth, ledgerChart } from '../charts.ts';
import { clear, download, grams, h, num, ratio } from '../dom.ts';
import type { PageContext } from '../main.ts';
import type { LedgerReport, PlanResult } from '../types.ts';
import { renderConstraints } from './constraints.ts';

const CHART_PLANS = 60;

export async function renderManager(main: HTMLElement, ctx: PageContext): Promise<void> {
  document.title = 'Ledger · tournee';
  const planId = ctx.params[0] ?? null;
  const from = h('input', { id: 'ledger-from', type: 'date' });
  const to = h('input', { id: 'ledger-to', type: 'date' });
  const range = h(
    'form',
    { class: 'inline', 'aria-label': 'Dates' },
    h('label', { for: 'ledger-from' }, 'From'),
    from,
    h('label', { for: 'ledger-to' }, 'To'),
    to,
    h('button', { type: 'submit' }, 'Show'),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: async () => {
          try {
            download('tournee-ledger.csv', await apiBlob(`/v1/ledger${query(from.value, to.value)}`, 'text/csv'));
          } catch (e) {
            alert(describe(e));
          }
        },
      },
      'Download CSV',
    ),
  );
  const ledgerBox = h('section', { class: 'card', id: 'ledger', 'aria-labelledby': 'ledger-h' });
  const curveBox = h('section', { class: 'card', id: 'anytime', 'aria-labelledby': 'anytime-h' });
  const constraintsBox = h('section', { class: 'card', id: 'constraints', 'aria-labelledby': 'constraints-h' });
  range.addEventListener('submit', (e) => {
    e.preventDefault();
    void loadLedger(ledgerBox, from.value, to.value, planId);
  });
  clear(main, h('h1', { tabindex: '-1' }, 'Ledger'), range, ledgerBox, curveBox, constraintsBox);
  await Promise.all([
    loadLedger(ledgerBox, '', '', planId),
    planId ? loadCurve(curveBox, planId) : Promise.resolve(emptyCurve(curveBox)),
    renderConstraints(constraintsBox, { canReview: false }),
  ]);
}

function query(from: string, to: string): string {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const text = q.toString();
  return text ? `?${text}` : '';
}

async function loadLedger(box: HTMLElement, from: string, to: string, selected: string | null): Promise<void> {
  const heading = h('h2', { id: 'ledger-h' }, 'CO2e saved on the road vs spent computing');
  let report: LedgerReport;
  try {
    report = await api<LedgerReport>(`/v1/ledger${query(from, to)}`);
  } catch (e) {
    clear(box, heading, h('p', { class: 'error', role: 'alert' }, describe(e)));
    return;
  }
  const t = report.totals;
  const pick = (id: string) => {
    location.hash = `#/manager/${encodeURIComponent(id)}`;
  };
  const totals = h(
    'dl',
    { class: 'stats', id: 'ledger-totals' },
    h('div', {}, h('dt', {}, 'Plans'), h('dd', {}, String(t.plans))),
    h('div', {}, h('dt', {}, 'Saved on the road'), h('dd', {}, `${num(t.savedKg, 1)} kg`)),
    h('div', {}, h('dt', {}, 'Spent computing'), h('dd', {}, grams(t.computeG))),
    h('div', {}, h('dt', {}, 'Net saved'), h('dd', {}, `${num(t.netKg, 1)} kg`)),
    h('div', { id: 'ledger-total-payback' }, h('dt', {}, 'Payback ratio'), h('dd', {}, ratio(t.paybackRatio))),
  );
  if (report.plans.length === 0) {
    clear(box, heading, totals, h('p', { class: 'muted' }, 'No finished plan with a ledger in this range.'));
    return;
  }
  // Bars stay readable up to about sixty plans: the chart shows the latest, the table all of them.
  const charted = report.plans.slice(-CHART_PLANS);
  const chart = ledgerChart(charted, pick, chartWidth(box.clientWidth - 24));
  const table = h(
    'table',
    { id: 'ledger-table' },
    h('caption', { class: 'visually-hidden' }, 'Per plan: saved, spent computing, net and payback'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Date', 'Plan', 'Orders', 'Baseline', 'Saved kg', 'Compute', 'Net kg', 'Payback', 'Stopped by', ''].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      report.plans.map((p) =>
        h(
          'tr',
          { 'data-plan': p.id, class: p.id === selected ? 'selected' : undefined },
          h('td', {}, p.date),
          h('th', { scope: 'row' }, p.name ?? p.id),
          h('td', { class: 'n' }, String(p.ordersServed)),
          h('td', {}, p.baseline ?? '–'),
          h('td', { class: 'n' }, num(p.savedKg, 2)),
          h('td', { class: 'n' }, grams(p.computeG)),
          h('td', { class: 'n' }, num(p.netKg, 2)),
          h('td', { class: 'n' }, ratio(p.paybackRatio)),
          h('td', {}, p.stoppedBy ?? '–'),
          h(
            'td',
            {},
            h(
              'a',
              { href: `#/manager/${encodeURIComponent(p.id)}`, 'aria-label': `Anytime curve of ${p.name ?? p.id}` },
              'Curve',
            ),
          ),
        ),
      ),
    ),
  );
  clear(
    box,
    heading,
    totals,
    h(
      'figure',
      {},
      chart,
      h(
        'figcaption',
        { id: 'ledger-chart-caption' },
        `Per plan, by date: CO2e saved on the road against its baseline (green) and CO2e its computation emitted (orange), in grams${chart.dataset.scale === 'log' ? ' on a log scale: computing costs thousands of times less than it saves' : ''}. The ratio under each date is the payback.${charted.length < report.plans.length ? ` The latest ${charted.length} of ${report.plans.length} plans; the table lists them all.` : ''}`,
      ),
    ),
    h('div', { class: 'table-wrap' }, table),
    h(
      'ul',
      { class: 'muted notes' },
      report.notes.map((n) => h('li', {}, n)),
    ),
  );
}

function emptyCurve(box: HTMLElement): void {
  clear(
    box,
    h('h2', { id: 'anytime-h' }, 'Anytime curve'),
    h('p', { class: 'muted' }, 'Pick a plan (Curve, or its bars in the chart) to see how it improved with compute.'),
  );
}

async function loadCurve(box: HTMLElement, planId: string): Promise<void> {
  const heading = h('h2', { id: 'anytime-h' }, 'Anytime curve');
  clear(box, heading, h('p', { class: 'muted' }, 'Loading…'));
  let result: PlanResult;
  try {
    result = await api<PlanResult>(`/v1/plans/${encodeURIComponent(planId)}/result`);
  } catch (e) {
    clear(box, heading, h('p', { class: 'error', role: 'alert' }, describe(e)));
    return;
  }
  const anytime = result.ledger?.anytime;
  if (!anytime || anytime.points.length === 0) {
    clear(box, heading, h('p', { class: 'muted' }, 'This plan has no anytime curve.'));
    return;
  }
  const last = anytime.points[anytime.points.length - 1]!;
  const why =
    result.solve.stoppedBy === 'frugal'
      ? `The frugal stop cut the search after ${num(last.cpuSeconds, 1)} CPU-s: ${anytime.frugal.reason ?? ''}`
      : `The search stopped (${result.solve.stoppedBy}) after ${num(last.cpuSeconds, 1)} CPU-s.`;
  heading.textContent = `Anytime curve of ${result.date} (${planId.slice(0, 8)})`;
  clear(
    box,
    heading,
    h('p', { id: 'anytime-stop' }, why),
    h(
      'figure',
      {},
      anytimeCharts(
        anytime.points,
        { stoppedBy: result.solve.stoppedBy, frugalReason: anytime.frugal.reason },
        chartWidth(box.clientWidth - 24),
      ),
      h(
        'figcaption',
        {},
        `${anytime.improvements} improvements. Each step is a better plan; the right axis is the CO2e the computation had emitted by then. Rule: ${anytime.frugal.rule}`,
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'The points as a table'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['CPU s', 'Wall s', 'Objective', 'Plan kg CO2e', 'Compute', 'Orders', 'Event'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            anytime.points.map((p) =>
              h(
                'tr',
                {},
                h('td', { class: 'n' }, num(p.cpuSeconds, 2)),
                h('td', { class: 'n' }, num(p.t, 2)),
                h('td', { class: 'n' }, num(p.objective, 2)),
                h('td', { class: 'n' }, num(p.planCo2eKg, 3)),
                h('td', { class: 'n' }, grams(p.computeCo2eG)),
                h('td', { class: 'n' }, String(p.ordersServed)),
                h('td', {}, p.event),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
