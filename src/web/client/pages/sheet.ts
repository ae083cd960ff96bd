/**
 * A driver's route on paper: the stops in order with window, ETA, what to deliver and room to
 * tick and note; print styles drop everything else (app.css @media print).
 */
import { api } from '../api.ts';
import { clear, h, num, quantity } from '../dom.ts';
import { routeCsv, routeFileName, windowsText } from '../exports.ts';
import type { PageContext } from '../main.ts';
import type { PlanInputs, PlanRequestInput, PlanResult } from '../types.ts';

export async function renderSheet(main: HTMLElement, ctx: PageContext): Promise<void> {
  const [planId = '', vehicleId = ''] = ctx.params;
  const [inputs, result] = await Promise.all([
    api<PlanInputs>(`/v1/plans/${encodeURIComponent(planId)}/request`),
    api<PlanResult>(`/v1/plans/${encodeURIComponent(planId)}/result`),
  ]);
  const request = inputs.solved as PlanRequestInput;
  const route = result.routes.find((r) => r.vehicleId === vehicleId);
  if (!route) throw new Error(`vehicle ${vehicleId} has no route in this plan`);
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const depot = (id: string | null) => (id ? (request.depots.find((d) => d.id === id)?.name ?? id) : 'open end');
  document.title = `${route.vehicleId} ${result.date} · tournee`;
  const csv = () => {
    const blob = new Blob([routeCsv(route, orders)], { type: 'text/csv' });
    const a = h('a', {
      href: URL.createObjectURL(blob),
      download: routeFileName(request.name ?? null, result.date, route.vehicleId, 'csv'),
    });
    a.click();
  };
  clear(
    main,
    h(
      'p',
      { class: 'no-print actions' },
      h('a', { href: `#/planner/${encodeURIComponent(planId)}` }, '← Back to the plan'),
      ' ',
      h('button', { type: 'button', onclick: () => window.print() }, 'Print'),
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: csv }, 'CSV'),
    ),
    h(
      'article',
      { class: 'sheet', id: 'route-sheet' },
      h('h1', {}, `Route ${route.vehicleId}${route.driverId ? ` · ${route.driverId}` : ''}`),
      h(
        'p',
        {},
        `${request.name ?? 'Plan'} · ${result.date} · leave ${depot(route.startDepotId)} at ${route.departure}, back at ${depot(route.endDepotId)} ${route.arrival} · ${route.stops.length} stops · ${num(route.distanceKm, 1)} km`,
      ),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['#', 'ETA', 'Window', 'Customer', 'Address', 'Deliver', 'Min', 'Done', 'Notes'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          route.stops.map((s, i) => {
            const o = orders.get(s.orderId);
            const deliver = Object.entries(o?.demand ?? {})
              .map(([d, q]) => quantity(q, d))
              .join(', ');
            return h(
              'tr',
              {},
              h('td', {}, String(i + 1)),
              h('td', {}, s.arrival),
              h('td', {}, windowsText(o) || 'any'),
              h('td', {}, `${o?.name ?? s.customerId} (${s.orderId})`),
              h('td', {}, o?.address ?? `${s.location.lat.toFixed(5)}, ${s.location.lon.toFixed(5)}`),
              h('td', {}, deliver),
              h('td', {}, String(o?.serviceMinutes ?? 0)),
              h('td', { class: 'tick' }, '☐'),
              h('td', { class: 'notes' }),
            );
          }),
        ),
      ),
    ),
  );
}
