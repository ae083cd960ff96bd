/**
 * Independent checker of a plan against its request: recomputes travel with its own great-circle
 * formula and re-derives loads and times from the request, sharing no code with the compiler,
 * the solver or the plan builder. Returns every violation found (empty = feasible).
 */
import type { PlanRequest } from '../../src/model/schema.ts';
import type { PlanResult } from '../../src/plan/types.ts';

const EARTH_RADIUS_M = 6371008.8;
const SPEED_KMH: Record<string, number> = {
  van_n1: 30,
  evan_n1: 30,
  rigid_7_5t: 27,
  rigid_12t: 25,
  rigid_19t: 24,
  artic_40t: 22,
};

export interface CheckOptions {
  readonly detourFactor?: number;
  /** Travel override (e.g. a known matrix): metres and seconds between two points for a vehicle. */
  readonly travel?: (
    a: { lat: number; lon: number },
    b: { lat: number; lon: number },
    vehicleId: string,
  ) => { metres: number; seconds: number };
  /** Arcs (customerId→customerId) the plan must not use. */
  readonly forbidden?: readonly { from: string; to: string }[];
}

function clock(t: string | number): number {
  if (typeof t === 'number') return t;
  const [h, m, s] = t.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
}

function greatCircle(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

export function checkPlan(request: PlanRequest, plan: PlanResult, options: CheckOptions = {}): string[] {
  const errors: string[] = [];
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const vehicles = new Map(request.vehicles.map((v) => [v.id, v]));
  const depots = new Map(request.depots.map((d) => [d.id, d]));
  const seen = new Map<string, number>();
  const count = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
  const detour = options.detourFactor ?? 1.3;
  const usedVehicles = new Set<string>();

  for (const route of plan.routes) {
    const v = vehicles.get(route.vehicleId);
    if (!v) {
      errors.push(`route uses unknown vehicle ${route.vehicleId}`);
      continue;
    }
    if (usedVehicles.has(v.id)) errors.push(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    const travel =
      options.travel ??
      ((a, b) => {
        const metres = greatCircle(a, b) * detour;
        const speed = v.averageSpeedKmh ?? SPEED_KMH[v.energy.vehicleClass];
        return { metres, seconds: metres / ((speed * 1000) / 3600) };
      });
    const tag = `route ${v.id}`;
    const start = depots.get(v.startDepot)!;
    const endId = v.endDepot === undefined ? v.startDepot : v.endDepot;
    const end = endId === null ? null : depots.get(endId)!;
    const shiftStart = Math.max(
      v.shift ? clock(v.shift.start) : 0,
      start.openingHours ? clock(start.openingHours.start) : 0,
    );
    let shiftEnd = v.shift ? clock(v.shift.end) : Number.POSITIVE_INFINITY;
    if (end?.openingHours) shiftEnd = Math.min(shiftEnd, clock(end.openingHours.end));

    if (route.departureSeconds < shiftStart - 1) errors.push(`${tag}: leaves before its shift / depot opening`);
    if (v.maxStops !== undefined && route.stops.length > v.maxStops) errors.push(`${tag}: more stops than maxStops`);

    // Loads: everything is on board at the start; every dimension within capacity.
    const dims = new Set([
      ...Object.keys(v.capacity),
      ...route.stops.flatMap((s) => Object.keys(orders.get(s.orderId)?.demand ?? {})),
    ]);
    for (const dim of dims) {
      const total = route.stops.reduce((sum, s) => sum + (orders.get(s.orderId)?.demand[dim] ?? 0), 0);
      if (total > (v.capacity[dim] ?? 0) + 1e-6)
        errors.push(`${tag}: ${total} ${dim} > capacity ${v.capacity[dim] ?? 0}`);
    }

    let at = start.location;
    let atCustomer: string | null = null;
    let t = route.departureSeconds;
    let metres = 0;
    for (const [k, stop] of route.stops.entries()) {
      const o = orders.get(stop.orderId);
      if (!o) {
        errors.push(`${tag}: unknown order ${stop.orderId}`);
        continue;
      }
      count(o.id);
      const leg = travel(at, o.location, v.id);
      metres += leg.metres;
      if (stop.arrivalSeconds < t + leg.seconds - 2)
        errors.push(`${tag}: arrives at ${o.id} faster than driving allows`);
      if (stop.serviceStartSeconds < stop.arrivalSeconds - 1e-6) errors.push(`${tag}: serves ${o.id} before arriving`);
      const windows = o.timeWindows ?? [];
      const s = stop.serviceStartSeconds;
      if (windows.length > 0 && !windows.some((w) => s >= clock(w.start) - 1 && s <= clock(w.end) + 1)) {
        errors.push(`${tag}: service at ${o.id} starts at ${stop.serviceStart}, outside its windows`);
      }
      if (Math.abs(stop.departureSeconds - (s + o.serviceMinutes * 60)) > 1)
        errors.push(`${tag}: service time at ${o.id}`);
      const missing = (o.skills ?? []).filter((x) => !(v.skills ?? []).includes(x));
      if (missing.length > 0) errors.push(`${tag}: ${o.id} needs ${missing.join(',')}`);
      if (atCustomer && options.forbidden?.some((f) => f.from === atCustomer && f.to === o.customerId)) {
        errors.push(`${tag}: uses forbidden leg ${atCustomer} -> ${o.customerId}`);
      }
      if (k === 0 && route.departureSeconds + leg.seconds > stop.arrivalSeconds + 2)
        errors.push(`${tag}: first arrival`);
      t = stop.departureSeconds;
      at = o.location;
      atCustomer = o.customerId;
    }
    let arrival = t;
    if (end) {
      const leg = travel(at, end.location, v.id);
      metres += leg.metres;
      arrival = t + leg.seconds;
    }
    if (route.arrivalSeconds < arrival - 2) errors.push(`${tag}: back at the depot faster than driving allows`);
    if (route.arrivalSeconds > shiftEnd + 1)
      errors.push(`${tag}: back at ${route.arrival}, after the shift/depot closes`);
    if (v.maxDistanceKm !== undefined && metres / 1000 > v.maxDistanceKm + 1e-3)
      errors.push(`${tag}: over maxDistanceKm`);
    const minutes = (route.arrivalSeconds - route.departureSeconds) / 60;
    if (v.maxDurationMinutes !== undefined && minutes > v.maxDurationMinutes + 0.05)
      errors.push(`${tag}: over maxDurationMinutes`);
    if (Math.abs(route.distanceKm - metres / 1000) > 0.01 + 1e-6 * metres) {
      errors.push(`${tag}: reports ${route.distanceKm} km, legs add up to ${(metres / 1000).toFixed(3)} km`);
    }
  }
  for (const u of plan.unassigned) {
    count(u.orderId);
    if (!u.reason || !u.code) errors.push(`unassigned ${u.orderId} has no reason`);
  }
  for (const o of request.orders) {
    const n = seen.get(o.id) ?? 0;
    if (n !== 1) errors.push(`order ${o.id} appears ${n} times (routes + unassigned)`);
  }
  return errors;
}
