/**
 * What a report points at on its route: a leg (two consecutive stops, depots included), a point
 * near the route, a stop, or the whole route. A stop that is not on the route is a 404 (it does
 * not exist there); a leg whose stops are not consecutive, or a point far from the route, is a
 * bad report (400 with the field's path).
 */
import type { NodeRef } from '../compile/rules.ts';
import { issue, type ValidationIssue } from '../model/issues.ts';
import type { OrderSpec, PlanRequest, VehicleSpec } from '../model/schema.ts';
import type { PlannedRoute } from '../plan/types.ts';
import { metresToLine } from './geometry.ts';
import type { FeedbackRequest } from './schema.ts';
import type { LatLon } from './types.ts';

/** A point given as "a road near here" must be this close to the route that was driven. */
export const MAX_METRES_FROM_ROUTE = 2000;

export interface RouteContext {
  readonly planId: string;
  readonly date: string;
  readonly route: PlannedRoute;
  /** The request the plan was solved with (after learned constraints). */
  readonly request: PlanRequest;
}

export interface LegEnd {
  readonly ref: NodeRef;
  readonly orderId: string | null;
  /** 0 = start depot, k = k-th stop, stops + 1 = end depot. */
  readonly position: number;
}

export type Target =
  | { readonly type: 'leg'; readonly from: LegEnd; readonly to: LegEnd }
  | { readonly type: 'near'; readonly center: LatLon; readonly radiusMetres: number; readonly metresFromRoute: number }
  | { readonly type: 'route'; readonly stops: number; readonly vehicle: VehicleSpec }
  | {
      readonly type: 'stop';
      readonly orderId: string;
      readonly customerId: string;
      readonly position: number;
      readonly order: OrderSpec;
      readonly vehicle: VehicleSpec;
    };

export interface Refusal {
  readonly status: 400 | 404;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
}

export type Resolved = { ok: true; target: Target } | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): Resolved => ({ ok: false, refusal });
const bad = (path: (string | number)[], message: string): Resolved =>
  refuse({
    status: 400,
    code: 'invalid_feedback',
    message: `the report does not fit this route: ${message}`,
    issues: [issue(path, message)],
  });

export function resolveTarget(report: FeedbackRequest, ctx: RouteContext): Resolved {
  const vehicle = ctx.request.vehicles.find((v) => v.id === ctx.route.vehicleId);
  if (!vehicle) throw new Error(`plan ${ctx.planId}: vehicle ${ctx.route.vehicleId} is not in its request`);
  switch (report.kind) {
    case 'blocked_leg':
      return report.leg ? resolveLeg(report.leg, ctx) : resolveNear(report.near!, ctx);
    case 'odd_sequence':
      return resolveLeg(report.leg, ctx);
    case 'too_many_stops':
      return { ok: true, target: { type: 'route', stops: ctx.route.stops.length, vehicle } };
    default:
      return resolveStop(report.orderId, ctx, vehicle);
  }
}

function resolveStop(orderId: string, ctx: RouteContext, vehicle: VehicleSpec): Resolved {
  const k = ctx.route.stops.findIndex((s) => s.orderId === orderId);
  if (k < 0) return refuse(noStop(orderId, ctx));
  const order = ctx.request.orders.find((o) => o.id === orderId);
  if (!order) throw new Error(`plan ${ctx.planId}: order ${orderId} is not in its request`);
  const target: Target = { type: 'stop', orderId, customerId: order.customerId, position: k + 1, order, vehicle };
  return { ok: true, target };
}

function noStop(orderId: string, ctx: RouteContext): Refusal {
  return {
    status: 404,
    code: 'not_found',
    message: `order "${orderId}" is not a stop of vehicle ${ctx.route.vehicleId}'s route in plan ${ctx.planId}`,
  };
}

function resolveLeg(leg: { fromOrderId: string | null; toOrderId: string | null }, ctx: RouteContext): Resolved {
  const { route } = ctx;
  const n = route.stops.length;
  const position = (orderId: string | null, depotPosition: number) =>
    orderId === null ? depotPosition : route.stops.findIndex((s) => s.orderId === orderId) + 1;
  const from = position(leg.fromOrderId, 0);
  if (from === 0 && leg.fromOrderId !== null) return refuse(noStop(leg.fromOrderId, ctx));
  if (leg.toOrderId === null && route.endDepotId === null) {
    return refuse({
      status: 404,
      code: 'not_found',
      message: `vehicle ${route.vehicleId}'s route ends at its last stop: it has no leg back to a depot`,
    });
  }
  const to = position(leg.toOrderId, n + 1);
  if (to === 0 && leg.toOrderId !== null) return refuse(noStop(leg.toOrderId, ctx));
  if (to !== from + 1) {
    const after = from === 0 ? 'the depot' : `stop ${from} (${leg.fromOrderId})`;
    return bad(['leg', 'toOrderId'], `this is not the stop right after ${after}: legs join two consecutive stops`);
  }
  const fromEnd = end(from, ctx);
  const toEnd = end(to, ctx);
  if (JSON.stringify(fromEnd.ref) === JSON.stringify(toEnd.ref)) {
    return bad(['leg'], 'both ends are the same customer or depot: there is no road between them to learn about');
  }
  return { ok: true, target: { type: 'leg', from: fromEnd, to: toEnd } };
}

function end(position: number, ctx: RouteContext): LegEnd {
  const { route } = ctx;
  if (position === 0) return { ref: { depotId: route.startDepotId }, orderId: null, position };
  if (position > route.stops.length) return { ref: { depotId: route.endDepotId! }, orderId: null, position };
  const stop = route.stops[position - 1];
  return { ref: { customerId: stop.customerId }, orderId: stop.orderId, position };
}

function resolveNear(near: { lat: number; lon: number; radiusMetres: number }, ctx: RouteContext): Resolved {
  const center = { lat: near.lat, lon: near.lon };
  const metres = metresToLine(center, routeLine(ctx));
  if (metres > MAX_METRES_FROM_ROUTE) {
    const km = (metres / 1000).toFixed(1);
    return bad(['near'], `this point is ${km} km from the route; a blocked road must be within 2 km of it`);
  }
  return {
    ok: true,
    target: { type: 'near', center, radiusMetres: near.radiusMetres, metresFromRoute: Math.round(metres) },
  };
}

/** Where the route drove: its road geometry when the plan has it, else straight legs. */
function routeLine(ctx: RouteContext): LatLon[] {
  const { route, request } = ctx;
  if (route.geometry && route.geometry.coordinates.length > 0) {
    return route.geometry.coordinates.map(([lon, lat]) => ({ lat, lon }));
  }
  const depot = (id: string | null) => request.depots.find((d) => d.id === id)?.location;
  const points = [depot(route.startDepotId), ...route.stops.map((s) => s.location), depot(route.endDepotId)];
  return points.filter((p): p is LatLon => p !== undefined);
}
