/** What a planner hands a driver: the route's stops as CSV, in driving order. Pure. */
import type { PlanRequestInput } from '../../model/schema.ts';
import { toCsv } from './csv.ts';
import type { PlannedRoute } from './types.ts';

type OrderInput = PlanRequestInput['orders'][number];

export const ROUTE_CSV_COLUMNS = [
  'sequence',
  'orderId',
  'customerId',
  'name',
  'address',
  'lat',
  'lon',
  'timeWindows',
  'eta',
  'serviceStart',
  'departure',
  'serviceMinutes',
  'kg',
  'm3',
  'legKm',
  'legMinutes',
  'loadAfterKg',
] as const;

export function clock(t: string | number | undefined): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  const h = Math.floor(t / 3600);
  const m = Math.round((t % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function windowsText(o: OrderInput | undefined): string {
  return (o?.timeWindows ?? []).map((w) => `${clock(w.start)}–${clock(w.end)}`).join(', ');
}

export function routeCsv(route: PlannedRoute, orders: ReadonlyMap<string, OrderInput>): string {
  const rows = route.stops.map((s, i) => {
    const o = orders.get(s.orderId);
    return [
      i + 1,
      s.orderId,
      s.customerId,
      o?.name,
      o?.address,
      s.location.lat,
      s.location.lon,
      windowsText(o),
      s.arrival,
      s.serviceStart,
      s.departure,
      o?.serviceMinutes ?? 0,
      o?.demand.kg,
      o?.demand.m3,
      s.legKm,
      s.legMinutes,
      s.loadAfter.kg,
    ];
  });
  return toCsv(ROUTE_CSV_COLUMNS, rows);
}

export function routeFileName(planName: string | null, date: string, vehicleId: string, ext: string): string {
  const slug = (t: string) =>
    t
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  return `${slug(planName ?? 'plan') || 'plan'}-${date}-${slug(vehicleId)}.${ext}`;
}
