/**
 * A driver's routes for a date: from the latest succeeded plans of that date, the routes whose
 * vehicle has this driverId. A plan re-planned later (a newer succeeded plan of the same date with
 * any of the same orders) is replaced by the newer one; plans with disjoint orders (two depots,
 * a morning and an afternoon wave) all count.
 */
import type { PlanRequest } from '../model/schema.ts';
import { formatClock, toSeconds } from '../model/time.ts';
import type { PlannedRoute, PlanResult } from '../plan/types.ts';
import type { Store } from '../store/index.ts';

/** Succeeded plans of one date looked at, newest first. */
export const PLANS_PER_DATE = 50;

export interface DriverStop {
  readonly position: number;
  readonly orderId: string;
  readonly customerId: string;
  readonly name: string | null;
  readonly address: string | null;
  readonly location: { lat: number; lon: number };
  readonly timeWindows: readonly { start: string; end: string }[];
  readonly serviceMinutes: number;
  readonly arrival: string;
  readonly serviceStart: string;
  readonly departure: string;
  readonly legKm: number;
  readonly legMinutes: number;
}

export interface DriverDepot {
  readonly id: string;
  readonly name: string | null;
  readonly location: { lat: number; lon: number } | null;
}

export interface DriverRoute {
  readonly planId: string;
  readonly planName: string | null;
  readonly date: string;
  readonly timezone: string;
  readonly vehicleId: string;
  readonly vehicleClass: string | null;
  readonly driverId: string;
  readonly startDepot: DriverDepot;
  readonly endDepot: DriverDepot | null;
  readonly departure: string;
  readonly arrival: string;
  readonly distanceKm: number;
  readonly durationMinutes: number;
  readonly stops: readonly DriverStop[];
  readonly geometry: PlannedRoute['geometry'] | null;
  /** Where to post a report on this route, and where its reports are listed. */
  readonly links: { readonly feedback: string; readonly reports: string };
}

export function driverRoutes(store: Store, driverId: string, date: string): DriverRoute[] {
  const kept = new Set<string>();
  const out: DriverRoute[] = [];
  for (const plan of store.planInputs.succeededOn(date, PLANS_PER_DATE)) {
    const result = store.plans.result(plan.id) as PlanResult | undefined;
    if (!result) continue;
    const orders = [
      ...result.routes.flatMap((r) => r.stops.map((s) => s.orderId)),
      ...result.unassigned.map((u) => u.orderId),
    ];
    if (orders.some((o) => kept.has(o))) continue; // a newer plan of these orders replaced this one
    for (const o of orders) kept.add(o);
    const mine = result.routes.filter((r) => r.driverId === driverId);
    if (mine.length === 0) continue;
    const request = store.plans.request(plan.id) as PlanRequest;
    for (const route of mine) out.push(view(plan.id, plan.name, date, result, route, request, driverId));
  }
  return out;
}

function view(
  planId: string,
  planName: string | null,
  date: string,
  result: PlanResult,
  route: PlannedRoute,
  request: PlanRequest,
  driverId: string,
): DriverRoute {
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const depot = (id: string): DriverDepot => {
    const d = request.depots.find((x) => x.id === id);
    return { id, name: d?.name ?? null, location: d?.location ?? null };
  };
  const clock = (t: string | number) => formatClock(toSeconds(t));
  return {
    planId,
    planName,
    date,
    timezone: result.timezone,
    vehicleId: route.vehicleId,
    vehicleClass: request.vehicles.find((v) => v.id === route.vehicleId)?.energy.vehicleClass ?? null,
    driverId,
    startDepot: depot(route.startDepotId),
    endDepot: route.endDepotId === null ? null : depot(route.endDepotId),
    departure: route.departure,
    arrival: route.arrival,
    distanceKm: route.distanceKm,
    durationMinutes: route.durationMinutes,
    stops: route.stops.map((s, i) => {
      const o = orders.get(s.orderId);
      return {
        position: i + 1,
        orderId: s.orderId,
        customerId: s.customerId,
        name: o?.name ?? null,
        address: o?.address ?? null,
        location: s.location,
        timeWindows: (o?.timeWindows ?? []).map((w) => ({ start: clock(w.start), end: clock(w.end) })),
        serviceMinutes: o?.serviceMinutes ?? 0,
        arrival: s.arrival,
        serviceStart: s.serviceStart,
        departure: s.departure,
        legKm: s.legKm,
        legMinutes: s.legMinutes,
      };
    }),
    geometry: route.geometry ?? null,
    links: { feedback: '/v1/feedback', reports: `/v1/feedback?planId=${planId}` },
  };
}
