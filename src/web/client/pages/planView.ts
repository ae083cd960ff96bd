/**
 * One plan for the planner: a live progress bar while it runs (GET /v1/plans/{id} every second,
 * with the best objective so far), then the result: totals and ledger, the map, one row per
 * route (stops, ETA, load, km, CO2e) with its exports, the stops of each route, the unassigned
 * orders with their reasons, and the learned constraints that shaped the plan.
 */
import { api, apiBlob, describe } from '../api.ts';
import { clear, download, grams, h, num, quantity, ratio } from '../dom.ts';
import { routeCsv, routeFileName, windowsText } from '../exports.ts';
import type { PageContext } from '../main.ts';
import { drawPlanMap, routeColour, tileConfig } from '../map.ts';
import type { PlanInputs, PlannedRoute, PlanRequestInput, PlanResult, PlanView, RoutesGeoJson } from '../types.ts';

type Order = PlanRequestInput['orders'][number];
type Vehicle = PlanRequestInput['vehicles'][number];

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export async function renderPlanView(main: HTMLElement, ctx: PageContext, planId: string): Promise<void> {
  const heading = h('h1', { tabindex: '-1' }, 'Plan');
  const status = h('p', { id: 'solve-status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const bar = h('progress', { id: 'solve-progress', max: '1', 'aria-labelledby': 'solve-status' });
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Stop the search');
  const resultBox = h('div', { id: 'plan-result' });
  clear(
    main,
    h('p', {}, h('a', { href: '#/planner' }, '← Plan another day')),
    heading,
    h('section', { class: 'card progress', 'aria-label': 'Progress' }, status, bar, cancel),
    resultBox,
  );

  let inputs: PlanInputs | null = null;
  try {
    inputs = await api<PlanInputs>(`/v1/plans/${encodeURIComponent(planId)}/request`);
  } catch (e) {
    status.textContent = describe(e);
    status.className = 'error';
    return;
  }
  const request = inputs.solved as PlanRequestInput;
  const limit = request.settings?.timeLimitSeconds ?? 30;
  bar.max = limit;
  heading.textContent = request.name ?? `Plan of ${request.date}`;
  document.title = `${heading.textContent} · tournee`;

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.onLeave(() => {
    stopped = true;
    clearTimeout(timer);
  });
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      await api(`/v1/plans/${encodeURIComponent(planId)}`, { method: 'DELETE' });
    } catch (e) {
      status.textContent = describe(e);
    }
  });

  const poll = async (): Promise<void> => {
    if (stopped) return;
    let view: PlanView;
    try {
      view = await api<PlanView>(`/v1/plans/${encodeURIComponent(planId)}`);
    } catch (e) {
      status.textContent = `${describe(e)} (retrying)`;
      timer = setTimeout(poll, 2000);
      return;
    }
    if (stopped) return;
    const elapsed = (view.progress?.elapsedMs ?? 0) / 1000;
    bar.value = Math.min(elapsed, limit);
    bar.dataset.status = view.status;
    status.textContent = progressText(view, limit);
    cancel.hidden = FINISHED.has(view.status) || view.cancelRequested;
    if (!FINISHED.has(view.status)) {
      timer = setTimeout(poll, 1000);
      return;
    }
    bar.value = view.status === 'succeeded' ? limit : bar.value;
    if (view.status === 'failed') {
      status.className = 'error';
      return;
    }
    try {
      const [result, geo] = await Promise.all([
        api<PlanResult>(`/v1/plans/${encodeURIComponent(planId)}/result`),
        api<RoutesGeoJson>(`/v1/plans/${encodeURIComponent(planId)}/routes.geojson`, {
          accept: 'application/geo+json',
        }),
      ]);
      if (stopped) return;
      await renderResult(resultBox, planId, request, inputs!, result, geo);
    } catch (e) {
      resultBox.append(h('p', { class: 'error', role: 'alert' }, describe(e)));
    }
  };
  await poll();
}

function progressText(view: PlanView, limit: number): string {
  const p = view.progress;
  const best = view.bestObjective === null ? 'no complete plan yet' : `best objective ${num(view.bestObjective, 2)}`;
  switch (view.status) {
    case 'queued':
      return 'Queued: waiting for a worker.';
    case 'running':
      return `Searching: ${num((p?.elapsedMs ?? 0) / 1000, 1)} s of ${limit} s · ${best} · ${num(p?.iterations ?? 0, 0)} iterations.`;
    case 'succeeded':
      return `Done in ${num((p?.elapsedMs ?? 0) / 1000, 1)} s · ${best}.`;
    case 'cancelled':
      return `Stopped on request · ${best}.`;
    default:
      return `Failed: ${view.error ?? 'no reason recorded'}`;
  }
}

async function renderResult(
  box: HTMLElement,
  planId: string,
  request: PlanRequestInput,
  inputs: PlanInputs,
  result: PlanResult,
  geo: RoutesGeoJson,
): Promise<void> {
  const orders = new Map<string, Order>(request.orders.map((o) => [o.id, o]));
  const vehicles = new Map<string, Vehicle>(request.vehicles.map((v) => [v.id, v]));
  const co2 = new Map((result.ledger?.routes ?? []).map((r) => [r.vehicleId, r.plan?.co2eWtwKg ?? null]));
  const mapBox = h('div', { id: 'plan-map', class: 'map', role: 'region', 'aria-label': 'Map of the routes' });
  clear(
    box,
    totalsSection(result),
    ledgerSection(result),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'map-h' },
      h('h2', { id: 'map-h' }, 'Map'),
      mapBox,
      h('p', { class: 'muted' }, mapNote(geo)),
    ),
    routesSection(planId, request, result, orders, vehicles, co2, geo),
    stopsSection(result, orders),
    unassignedSection(result),
    constraintsSection(inputs),
  );
  drawPlanMap(mapBox, geo, await tileConfig());
}

function totalsSection(result: PlanResult): HTMLElement {
  const t = result.totals;
  const stat = (label: string, value: string, id: string) => h('div', { id }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'totals-h' },
    h('h2', { id: 'totals-h' }, 'Totals'),
    h(
      'dl',
      { class: 'stats' },
      stat('Vehicles used', String(t.vehiclesUsed), 'stat-vehicles'),
      stat('Orders served', String(t.ordersServed), 'stat-served'),
      stat('Unassigned', String(t.ordersUnassigned), 'stat-unassigned'),
      stat('Distance', `${num(t.distanceKm, 1)} km`, 'stat-km'),
      stat('Cost', num(t.cost, 2), 'stat-cost'),
      stat('Search stopped by', result.solve.stoppedBy, 'stat-stopped'),
    ),
  );
}

function ledgerSection(result: PlanResult): HTMLElement {
  const l = result.ledger;
  const section = h(
    'section',
    { class: 'card', id: 'plan-ledger', 'aria-labelledby': 'ledger-h' },
    h('h2', { id: 'ledger-h' }, 'Green ledger'),
  );
  if (!l) {
    section.append(h('p', { class: 'muted' }, 'This plan has no ledger.'));
    return section;
  }
  const plan = l.totals.plan.co2eWtwKg;
  const base = l.totals.baseline.co2eWtwKg;
  const pct = base > 0 ? (100 * (base - plan)) / base : 0;
  section.append(
    h(
      'dl',
      { class: 'stats' },
      h('div', {}, h('dt', {}, 'Plan CO2e (WTW)'), h('dd', {}, `${num(plan, 1)} kg`)),
      h('div', {}, h('dt', {}, 'Baseline CO2e'), h('dd', {}, `${num(base, 1)} kg`)),
      h(
        'div',
        { id: 'ledger-saved' },
        h('dt', {}, 'Saved on the road'),
        h('dd', {}, `${num(l.net.savedKg, 2)} kg (${num(pct, 1)} %)`),
      ),
      h('div', { id: 'ledger-compute' }, h('dt', {}, 'Spent computing'), h('dd', {}, grams(l.net.computeKg * 1000))),
      h('div', {}, h('dt', {}, 'Net saved'), h('dd', {}, `${num(l.net.netKg, 2)} kg`)),
      h('div', { id: 'ledger-payback' }, h('dt', {}, 'Payback ratio'), h('dd', {}, ratio(l.net.paybackRatio))),
    ),
    h(
      'p',
      { class: 'muted' },
      `Baseline: ${l.baseline.label}. Compute: ${num(l.compute.cpuSeconds, 2)} CPU-s, ${num(l.compute.energyWh, 3)} Wh (${l.compute.basis}). Factors: ${l.factorSet.name} (${l.factorSet.year}).`,
    ),
  );
  if (l.anytime.frugal.reason) section.append(h('p', { class: 'muted' }, `Frugal stop: ${l.anytime.frugal.reason}`));
  return section;
}

function mapNote(geo: RoutesGeoJson): string {
  const lines =
    geo.properties.geometry === 'road' ? 'Lines follow the roads (OSRM).' : 'Lines are straight legs between stops.';
  return `${lines}${geo.properties.note ? ` ${geo.properties.note}` : ''}`;
}

function routesSection(
  planId: string,
  request: PlanRequestInput,
  result: PlanResult,
  orders: Map<string, Order>,
  vehicles: Map<string, Vehicle>,
  co2: Map<string, number | null>,
  geo: RoutesGeoJson,
): HTMLElement {
  const rows = result.routes.map((r, k) => {
    const cap = vehicles.get(r.vehicleId)?.capacity ?? {};
    const dim = cap.kg !== undefined ? 'kg' : Object.keys(cap)[0];
    const load = dim ? (r.loadStart[dim] ?? 0) : 0;
    const loadText = dim
      ? `${num(load, 0)} / ${num(cap[dim], 0)} ${dim}${cap[dim] ? ` (${num((100 * load) / cap[dim]!, 0)} %)` : ''}`
      : '–';
    const csv = () =>
      download(routeFileName(request.name ?? null, result.date, r.vehicleId, 'csv'), routeCsv(r, orders), 'text/csv');
    return h(
      'tr',
      { 'data-vehicle': r.vehicleId },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'swatch', style: `background:${routeColour(k + 1)}`, 'aria-hidden': 'true' }),
        r.vehicleId,
      ),
      h('td', {}, r.driverId ?? '–'),
      h('td', { class: 'n' }, String(r.stops.length)),
      h('td', {}, `${r.departure}–${r.arrival}`),
      h('td', { class: 'n' }, loadText),
      h('td', { class: 'n' }, num(r.distanceKm, 1)),
      h('td', { class: 'n' }, num(co2.get(r.vehicleId), 2)),
      h(
        'td',
        { class: 'actions' },
        h('button', { type: 'button', class: 'link', onclick: csv, 'aria-label': `CSV of ${r.vehicleId}` }, 'CSV'),
        ' ',
        h(
          'a',
          {
            href: `#/sheet/${encodeURIComponent(planId)}/${encodeURIComponent(r.vehicleId)}`,
            'aria-label': `Print sheet of ${r.vehicleId}`,
          },
          'Sheet',
        ),
      ),
    );
  });
  const geojson = async () => {
    try {
      const blob = await apiBlob(`/v1/plans/${encodeURIComponent(planId)}/routes.geojson`, 'application/geo+json');
      download(routeFileName(request.name ?? null, result.date, 'routes', 'geojson'), blob);
    } catch (e) {
      alert(describe(e));
    }
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'routes-h' },
    h('h2', { id: 'routes-h' }, `Routes (${result.routes.length})`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'routes-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Vehicle', 'Driver', 'Stops', 'Depart–return', 'Load out', 'km', 'kg CO2e', 'Export'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'export-geojson', onclick: geojson }, 'Download GeoJSON'),
      h(
        'span',
        { class: 'muted' },
        ` ${geo.features.filter((f) => f.properties.kind === 'route').length} lines, ${geo.features.filter((f) => f.properties.kind === 'stop').length} stops`,
      ),
    ),
  );
}

function stopsSection(result: PlanResult, orders: Map<string, Order>): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'stops-h' },
    h('h2', { id: 'stops-h' }, 'Stops by route'),
    result.routes.map((r) => routeStops(r, orders)),
  );
}

function routeStops(r: PlannedRoute, orders: Map<string, Order>): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, `${r.vehicleId}: ${r.stops.length} stops, ${r.departure}–${r.arrival}`),
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
            ['#', 'Order', 'Customer', 'Window', 'ETA', 'Leaves', 'Load after'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          r.stops.map((s, i) => {
            const o = orders.get(s.orderId);
            return h(
              'tr',
              {},
              h('td', { class: 'n' }, String(i + 1)),
              h('td', {}, s.orderId),
              h('td', {}, o?.name ?? s.customerId),
              h('td', {}, windowsText(o) || 'any time'),
              h('td', {}, s.arrival),
              h('td', {}, s.departure),
              h(
                'td',
                { class: 'n' },
                Object.entries(s.loadAfter)
                  .map(([d, q]) => quantity(q, d))
                  .join(', '),
              ),
            );
          }),
        ),
      ),
    ),
  );
}

function unassignedSection(result: PlanResult): HTMLElement {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'unassigned-h', id: 'unassigned' },
    h('h2', { id: 'unassigned-h' }, `Unassigned orders (${result.unassigned.length})`),
  );
  if (result.unassigned.length === 0) {
    section.append(h('p', {}, 'Every order is in a route.'));
    return section;
  }
  section.append(
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
            ['Order', 'Customer', 'Why'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          result.unassigned.map((u) =>
            h(
              'tr',
              {},
              h('td', {}, u.orderId),
              h('td', {}, u.customerId),
              h('td', {}, h('code', {}, u.code), ' ', u.reason),
            ),
          ),
        ),
      ),
    ),
  );
  return section;
}

function constraintsSection(inputs: PlanInputs): HTMLElement | null {
  if (inputs.constraintsApplied.length === 0) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'applied-h' },
    h('h2', { id: 'applied-h' }, 'What drivers taught this plan'),
    h(
      'ul',
      {},
      inputs.constraintsApplied.map((c) =>
        h('li', {}, h('strong', {}, c.summary), ` — ${c.effect} (from ${c.feedbackIds.join(', ')})`),
      ),
    ),
  );
}
