/**
 * After the search: draw each route (road geometry from OSRM, or straight legs) and check it
 * against the request's low-emission zones. Adds to the plan:
 * - `routes[].geometry`: a GeoJSON LineString (road lines simplified to about 1 m, 6 decimals);
 * - `routes[].zoneWarnings`: legs through, and depots inside, zones the vehicle may not enter;
 * - `routing.geometry` ("road" | "straight") and `routing.geometryNote` when road lines failed;
 * - `zones`: what was checked, so "no warning" is never mistaken for "not looked at".
 * Leg crossings are only claimed on road geometry: a straight line says nothing about which
 * streets a van takes.
 */
import { simplify } from '@turf/turf';
import { type PlanLinesOptions, planLines } from '../distances/osrm/routeGeometry.ts';
import type { MatrixProvider } from '../distances/provider.ts';
import type { PlanRequest } from '../model/schema.ts';
import type { PlannedRoute, PlanResult, RouteGeometry, ZoneReport } from '../plan/types.ts';
import { type RouteLine, zoneTests, zoneWarnings } from './crossings.ts';
import { zoneLabel } from './emission.ts';

/** Douglas-Peucker tolerance for stored road lines, degrees (about 1 m). */
const SIMPLIFY_DEGREES = 0.00001;

export async function finishRoutes(
  plan: PlanResult,
  request: PlanRequest,
  provider: MatrixProvider,
  options: PlanLinesOptions = {},
): Promise<PlanResult> {
  const drawn = await planLines(request, plan.routes, provider, options);
  const zones = request.zones ?? [];
  const tests = zoneTests(zones);
  const road = drawn.source === 'road';
  const routes = plan.routes.map((route, k): PlannedRoute => {
    const line = drawn.lines[k];
    const warnings = zones.length > 0 ? zoneWarnings(request, route, road ? line : null, tests) : [];
    return {
      ...route,
      geometry: lineString(line, road),
      ...(warnings.length > 0 ? { zoneWarnings: warnings } : {}),
    };
  });
  const routing = {
    ...plan.routing,
    geometry: drawn.source,
    ...(drawn.note ? { geometryNote: drawn.note } : {}),
  };
  const out: PlanResult = { ...plan, routes, routing };
  return zones.length > 0 ? { ...out, zones: report(request, routes, road) } : out;
}

function report(request: PlanRequest, routes: readonly PlannedRoute[], road: boolean): ZoneReport {
  const warnings = routes.reduce((n, r) => n + (r.zoneWarnings?.length ?? 0), 0);
  const zones = (request.zones ?? []).map((z) => ({ id: z.id, name: zoneLabel(z) }));
  const orders = 'orders inside a zone were given only to vehicles that comply with it';
  const legs = road
    ? 'every leg was checked on its road geometry'
    : 'legs were not checked: without road geometry (OSRM) a straight line says nothing about the streets driven';
  return { zones, legsChecked: road, warnings, note: `${orders}; ${legs}` };
}

function lineString(line: RouteLine, road: boolean): RouteGeometry {
  const coordinates = line.coordinates.map((c): [number, number] => [round6(c[0]), round6(c[1])]);
  if (!road || coordinates.length <= 2) return { type: 'LineString', coordinates };
  const simple = simplify({ type: 'LineString', coordinates }, { tolerance: SIMPLIFY_DEGREES, highQuality: false });
  return { type: 'LineString', coordinates: simple.coordinates as [number, number][] };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
