/**
 * Two hand-made SVG charts for the manager: per plan, CO2e saved on the road next to CO2e spent
 * computing (a log scale when one is thousands of times the other, as it usually is), and one
 * plan's anytime curve (objective, plan CO2e and compute CO2e against compute time, with the
 * point where the search stopped). Scales and ticks are in scales.ts (pure, tested on their own).
 */
import { grams, num, s } from './dom.ts';
import { linearScale, logScale, needsLog, type Scale } from './scales.ts';
import type { AnytimePoint, LedgerReportPlan } from './types.ts';

/** Drawing width in SVG units: the width the chart gets on screen, so text keeps its size on a phone. */
let W = 720;

/** The width to draw at for a container `px` CSS pixels wide. */
export function chartWidth(px: number): number {
  return Math.round(Math.max(320, Math.min(960, px || 720)));
}
const H = 300;
const M = { top: 16, right: 72, bottom: 64, left: 76 };

/** Per plan: saved on the road vs spent computing, in g CO2e. */
export function ledgerChart(plans: readonly LedgerReportPlan[], onPick: (id: string) => void, width = 720): SVGElement {
  W = width;
  const saved = plans.map((p) => p.savedKg * 1000);
  const spent = plans.map((p) => p.computeG);
  const all = [...saved, ...spent];
  const log = needsLog(all);
  const pos = all.filter((v) => v > 0);
  const y = log
    ? logScale(Math.min(...pos), Math.max(...pos), H - M.bottom, M.top)
    : linearScale(Math.min(0, ...all), Math.max(1, ...all), H - M.bottom, M.top);
  const band = (W - M.left - M.right) / Math.max(1, plans.length);
  const bar = Math.min(28, band / 3);
  const base = log ? H - M.bottom : y(0);
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    id: 'ledger-chart',
    role: 'img',
    'aria-labelledby': 'ledger-chart-caption',
    'data-scale': log ? 'log' : 'linear',
  });
  svg.append(axisY(y, (v) => grams(v), log ? 'g CO2e (log scale)' : 'g CO2e'));
  plans.forEach((p, i) => {
    const x = M.left + band * i + band / 2;
    const g = s('g', { class: 'plan-bars', 'data-plan': p.id, tabindex: '-1' });
    g.append(s('title', {}, `${p.name ?? p.id} (${p.date}): saved ${grams(saved[i]!)}, computing ${grams(spent[i]!)}`));
    g.append(barRect(x - bar - 1, bar, saved[i]!, y, base, log, 'bar-saved'));
    g.append(barRect(x + 1, bar, spent[i]!, y, base, log, 'bar-compute'));
    g.append(
      s('text', { x, y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, p.date.slice(5)),
      s(
        'text',
        { x, y: H - M.bottom + 30, 'text-anchor': 'middle', class: 'tick-label muted' },
        p.paybackRatio === null ? '' : `${num(p.paybackRatio, 0)}×`,
      ),
    );
    g.addEventListener('click', () => onPick(p.id));
    svg.append(g);
  });
  svg.append(
    legend([
      ['bar-saved', 'saved on the road'],
      ['bar-compute', 'spent computing'],
    ]),
  );
  return svg;
}

function barRect(x: number, width: number, v: number, y: Scale, base: number, log: boolean, cls: string): SVGElement {
  if (log && v <= 0) {
    // Nothing saved has no place on a log axis: a hollow marker on the floor says so.
    return s('rect', { x, y: base - 3, width, height: 3, class: `${cls} none` });
  }
  const top = y(v);
  return s('rect', { x, y: Math.min(top, base), width, height: Math.max(1, Math.abs(base - top)), class: cls });
}

function axisY(y: Scale, label: (v: number) => string, title: string, right = false): SVGElement {
  const g = s('g', { class: 'axis' });
  const x = right ? W - M.right : M.left;
  g.append(s('line', { x1: x, x2: x, y1: M.top, y2: H - M.bottom }));
  for (const t of y.ticks) {
    const py = y(t);
    if (py < M.top - 1 || py > H - M.bottom + 1) continue;
    if (!right) g.append(s('line', { x1: M.left, x2: W - M.right, y1: py, y2: py, class: 'grid' }));
    g.append(
      s(
        'text',
        { x: right ? x + 6 : x - 6, y: py + 4, 'text-anchor': right ? 'start' : 'end', class: 'tick-label' },
        label(t),
      ),
    );
  }
  const tx = right ? W - 6 : 12;
  g.append(
    s(
      'text',
      {
        x: tx,
        y: (M.top + H - M.bottom) / 2,
        transform: `rotate(-90 ${tx} ${(M.top + H - M.bottom) / 2})`,
        'text-anchor': 'middle',
        class: 'axis-title',
      },
      title,
    ),
  );
  return g;
}

function legend(items: readonly [string, string][]): SVGElement {
  const g = s('g', { class: 'legend' });
  items.forEach(([cls, text], i) => {
    const x = 12 + i * Math.min(170, (W - 24) / 2);
    g.append(
      s('rect', { x, y: H - 18, width: 12, height: 12, class: cls }),
      s('text', { x: x + 18, y: H - 8, class: 'tick-label' }, text),
    );
  });
  return g;
}

export interface AnytimeOptions {
  readonly stoppedBy: string;
  readonly frugalReason: string | null;
}

/** One plan's anytime curve: objective (top) and CO2e of plan and compute (bottom) vs CPU seconds. */
export function anytimeCharts(points: readonly AnytimePoint[], opts: AnytimeOptions, width = 720): SVGElement[] {
  W = width;
  const xs = points.map((p) => p.cpuSeconds);
  const xMax = Math.max(...xs, 0.001);
  const x = linearScale(0, xMax, M.left, W - M.right);
  const stopX = x(points[points.length - 1]?.cpuSeconds ?? 0);
  const stopLabel = opts.stoppedBy === 'frugal' ? 'frugal stop' : `stopped: ${opts.stoppedBy}`;

  const objective = points.map((p) => p.objective);
  // The first plans may leave orders out at a large penalty: a log scale keeps the end visible.
  const yObj = needsLog(objective, 20)
    ? logScale(Math.min(...objective), Math.max(...objective), H - M.bottom, M.top)
    : linearScale(Math.min(...objective), Math.max(...objective), H - M.bottom, M.top);
  const top = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    id: 'anytime-objective',
    role: 'img',
    'aria-label': 'Objective against compute time',
  });
  top.append(axisX(x), axisY(yObj, compact, yObj.log ? 'objective (log scale)' : 'objective'));
  top.append(
    step(
      points.map((p) => [x(p.cpuSeconds), yObj(p.objective)]),
      'line-objective',
    ),
  );
  top.append(stopMarker(stopX, stopLabel, opts.stoppedBy === 'frugal'));

  const plan = points.map((p) => p.planCo2eKg);
  const compute = points.map((p) => p.computeCo2eG);
  const yPlan = linearScale(Math.min(...plan), Math.max(...plan), H - M.bottom, M.top);
  const yComp = linearScale(0, Math.max(...compute, 1e-6), H - M.bottom, M.top);
  const bottom = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    id: 'anytime-co2',
    role: 'img',
    'aria-label': 'Plan CO2e and compute CO2e against compute time',
  });
  bottom.append(
    axisX(x),
    axisY(yPlan, (v) => `${num(v, 1)} kg`, 'plan kg CO2e'),
    axisY(yComp, (v) => grams(v), 'compute g CO2e', true),
    step(
      points.map((p) => [x(p.cpuSeconds), yPlan(p.planCo2eKg)]),
      'line-plan',
    ),
    s('polyline', {
      points: points.map((p) => `${x(p.cpuSeconds)},${yComp(p.computeCo2eG)}`).join(' '),
      class: 'line-compute',
    }),
    stopMarker(stopX, stopLabel, opts.stoppedBy === 'frugal'),
    legend([
      ['swatch-plan', 'plan CO2e (left)'],
      ['swatch-compute', 'compute so far (right)'],
    ]),
  );
  if (opts.frugalReason) top.append(s('title', {}, opts.frugalReason));
  return [top, bottom];
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const compact = (v: number) => COMPACT.format(v);

function axisX(x: Scale): SVGElement {
  const g = s('g', { class: 'axis' });
  g.append(s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
  for (const t of x.ticks) {
    const px = x(t);
    if (px > W - M.right + 1) continue;
    g.append(s('text', { x: px, y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, `${num(t, 1)}`));
  }
  g.append(
    s(
      'text',
      { x: (M.left + W - M.right) / 2, y: H - M.bottom + 34, 'text-anchor': 'middle', class: 'axis-title' },
      'compute time (CPU seconds)',
    ),
  );
  return g;
}

/** Best-so-far values hold until the next improvement: a step line. */
function step(pts: readonly [number, number][], cls: string): SVGElement {
  const out: string[] = [];
  pts.forEach(([px, py], i) => {
    if (i > 0) out.push(`${px},${pts[i - 1]![1]}`);
    out.push(`${px},${py}`);
  });
  return s('polyline', { points: out.join(' '), class: cls });
}

function stopMarker(px: number, label: string, frugal: boolean): SVGElement {
  return s(
    'g',
    { class: frugal ? 'stop-marker frugal' : 'stop-marker' },
    s('line', { x1: px, x2: px, y1: M.top, y2: H - M.bottom }),
    s('text', { x: px - 4, y: M.top + 12, 'text-anchor': 'end', class: 'tick-label' }, label),
  );
}
