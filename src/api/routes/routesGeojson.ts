/**
 * GET /v1/plans/:id/routes.geojson — the plan on a map (RFC 7946 FeatureCollection,
 * application/geo+json): each route a LineString (road geometry when the plan was routed on
 * OSRM, straight legs otherwise) with its vehicle, driver, km, minutes and CO2e; each stop a Point
 * with its order, position in the route and ETA; depots, and unassigned orders with their reason,
 * so nothing on the map is silently missing.
 */
import { Router } from 'express';
import { routeWaypoints, straightLine } from '../../distances/osrm/routeGeometry.ts';
import type { PlanRequest } from '../../model/schema.ts';
import type { PlannedRoute, PlanResult } from '../../plan/types.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';

export const routesGeojsonRoutes: RouteModule = { mount: '/v1/plans', router: routesGeojsonRouter };

function routesGeojsonRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:id/routes.geojson', (req, res) => {
    const plans = deps.store.plans;
    const plan = plans.get(req.params.id);
    if (!plan) throw new HttpError(404, 'not_found', `no plan with id "${req.params.id}"`);
    const finished = plan.status === 'succeeded' || plan.status === 'cancelled';
    const result = finished ? (plans.result(plan.id) as PlanResult | undefined) : undefined;
    if (!result) {
      const why =
        plan.status === 'queued' || plan.status === 'running'
          ? `plan ${plan.id} is ${plan.status}; its routes are ready when GET /v1/plans/${plan.id} says succeeded`
          : `plan ${plan.id} ${plan.status === 'failed' ? 'failed' : `was ${plan.status}`} without a plan to draw`;
      throw new HttpError(409, plan.status === 'failed' ? 'plan_failed' : 'plan_not_finished', why);
    }
    const request = plans.request(plan.id) as PlanRequest;
    res.type('application/geo+json').send(JSON.stringify(routesFeatureCollection(result, request)));
  });
  return router;
}

type Position = [number, number];
interface Feature {
  readonly type: 'Feature';
  readonly geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'Point'; coordinates: Position };
  readonly properties: Record<string, unknown>;
}

export function routesFeatureCollection(result: PlanResult, request: PlanRequest) {
  const co2 = co2ByVehicle(result);
  const features: Feature[] = [];
  result.routes.forEach((route, k) => {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: routeLine(route, request) },
      properties: {
        kind: 'route',
        route: k + 1,
        vehicleId: route.vehicleId,
        driverId: route.driverId,
        km: route.distanceKm,
        minutes: route.durationMinutes,
        stops: route.stops.length,
        departure: route.departure,
        arrival: route.arrival,
        co2eWtwKg: co2.get(route.vehicleId)?.wtw ?? null,
        co2eTtwKg: co2.get(route.vehicleId)?.ttw ?? null,
        geometry: route.geometry ? (result.routing.geometry ?? 'road') : 'straight',
        zoneWarnings: route.zoneWarnings?.map((w) => w.message) ?? [],
      },
    });
    route.stops.forEach((stop, i) => {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [stop.location.lon, stop.location.lat] },
        properties: {
          kind: 'stop',
          route: k + 1,
          vehicleId: route.vehicleId,
          sequence: i + 1,
          orderId: stop.orderId,
          customerId: stop.customerId,
          eta: stop.arrival,
          etaSeconds: stop.arrivalSeconds,
          serviceStart: stop.serviceStart,
          departure: stop.departure,
        },
      });
    });
  });
  for (const depot of request.depots) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [depot.location.lon, depot.location.lat] },
      properties: { kind: 'depot', depotId: depot.id, name: depot.name ?? null },
    });
  }
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  for (const u of result.unassigned) {
    const order = orders.get(u.orderId);
    if (!order) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [order.location.lon, order.location.lat] },
      properties: { kind: 'unassigned', orderId: u.orderId, customerId: u.customerId, code: u.code, reason: u.reason },
    });
  }
  return {
    type: 'FeatureCollection' as const,
    properties: {
      date: result.date,
      routing: result.routing.provider,
      geometry: result.routing.geometry ?? 'straight',
      note: result.routing.geometryNote ?? result.routing.note ?? null,
    },
    features,
  };
}

/** The stored line, or straight legs for a plan solved before lines were stored. */
function routeLine(route: PlannedRoute, request: PlanRequest): Position[] {
  if (route.geometry) return route.geometry.coordinates.map(([x, y]) => [x, y]);
  return straightLine(routeWaypoints(request, route)).coordinates.map(([x, y]) => [x, y]);
}

function co2ByVehicle(result: PlanResult): Map<string, { wtw: number; ttw: number }> {
  const out = new Map<string, { wtw: number; ttw: number }>();
  for (const r of result.ledger?.routes ?? []) {
    if (r.plan) out.set(r.vehicleId, { wtw: r.plan.co2eWtwKg, ttw: r.plan.co2eTtwKg });
  }
  return out;
}
