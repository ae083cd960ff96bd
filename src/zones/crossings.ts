/**
 * Legs that drive through a zone their vehicle may not enter. Orders inside a zone already go only
 * to compliant vehicles; but the road between two addresses outside a zone may cut through it, and
 * a depot may lie inside one. These are found on the road geometry of the final routes and
 * reported on the route (`zoneWarnings`) — never silently returned, never silently "fixed".
 *
 * Why a warning and not a re-solve with the leg penalised: OSRM's matrix does not know the zone, so
 * a penalty would price the leg at a made-up detour, and the real way round is the driver's (or an
 * OSRM profile with the zone excluded — see the README). The planner sees which leg, which zone and
 * how far inside, and can decide: swap vehicles, exclude the zone in the routing profile, or accept.
 */
import { distance } from '@turf/turf';
import type { PlanRequest, VehicleSpec, ZoneSpec } from '../model/schema.ts';
import type { PlannedRoute, ZoneWarning } from '../plan/types.ts';
import { nonCompliance, ruleFor, ruleLabel, zoneLabel } from './emission.ts';
import { zoneTest } from './restrictions.ts';

type LonLat = readonly [number, number] | readonly number[];

/** Pieces of at most this length are tested for being inside (by their midpoint). */
const SAMPLE_METRES = 50;

export interface RouteLine {
  readonly coordinates: readonly LonLat[];
  /** Index in `coordinates` of each waypoint: start depot, the stops, then the end depot if any. */
  readonly waypointIndex: readonly number[];
}

export function zoneWarnings(
  request: PlanRequest,
  route: PlannedRoute,
  line: RouteLine | null,
  tests: ReadonlyMap<ZoneSpec, (lon: number, lat: number) => boolean>,
): ZoneWarning[] {
  const vehicle = request.vehicles.find((v) => v.id === route.vehicleId);
  if (!vehicle) return [];
  const out: ZoneWarning[] = [];
  for (const [zone, inside] of tests) {
    const why = nonCompliance(zone, vehicle);
    if (!why) continue;
    const depots = depotWarnings(request, route, zone, vehicle, inside, why);
    out.push(...depots);
    if (!line) continue;
    const names = waypointNames(route);
    for (let leg = 0; leg + 1 < line.waypointIndex.length; leg++) {
      const km = kmInside(line.coordinates, line.waypointIndex[leg], line.waypointIndex[leg + 1], inside);
      if (km <= 0) continue;
      out.push({
        zoneId: zone.id,
        zoneName: zoneLabel(zone),
        kind: 'leg',
        leg,
        from: names[leg],
        to: names[leg + 1],
        kmInside: Math.round(km * 100) / 100,
        message:
          `leg ${names[leg]} → ${names[leg + 1]} drives about ${km.toFixed(1)} km inside ${zoneLabel(zone)} ` +
          `(${ruleLabel(ruleFor(zone, vehicle))}): ${why}`,
      });
    }
  }
  return out;
}

function depotWarnings(
  request: PlanRequest,
  route: PlannedRoute,
  zone: ZoneSpec,
  vehicle: VehicleSpec,
  inside: (lon: number, lat: number) => boolean,
  why: string,
): ZoneWarning[] {
  const ids = [...new Set([route.startDepotId, route.endDepotId].filter((d): d is string => d !== null))];
  return ids.flatMap((id) => {
    const depot = request.depots.find((d) => d.id === id);
    if (!depot || !inside(depot.location.lon, depot.location.lat)) return [];
    return [
      {
        zoneId: zone.id,
        zoneName: zoneLabel(zone),
        kind: 'depot' as const,
        leg: null,
        from: `depot ${id}`,
        to: null,
        kmInside: null,
        message: `depot ${id} of ${vehicle.id} is inside ${zoneLabel(zone)} (${ruleLabel(ruleFor(zone, vehicle))}): ${why}`,
      },
    ];
  });
}

function waypointNames(route: PlannedRoute): string[] {
  const names = [`depot ${route.startDepotId}`, ...route.stops.map((s) => s.orderId)];
  if (route.endDepotId !== null) names.push(`depot ${route.endDepotId}`);
  return names;
}

/** Kilometres of the line between positions `from` and `to` that lie inside the zone. */
export function kmInside(
  coords: readonly LonLat[],
  from: number,
  to: number,
  inside: (lon: number, lat: number) => boolean,
): number {
  let metres = 0;
  for (let i = from; i < to; i++) {
    const a = coords[i];
    const b = coords[i + 1];
    const length = distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' });
    if (length === 0) continue;
    const pieces = Math.max(1, Math.ceil(length / SAMPLE_METRES));
    for (let k = 0; k < pieces; k++) {
      const t = (k + 0.5) / pieces;
      if (inside(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))) metres += length / pieces;
    }
  }
  return metres / 1000;
}

export function zoneTests(zones: readonly ZoneSpec[]): Map<ZoneSpec, (lon: number, lat: number) => boolean> {
  return new Map(zones.map((z) => [z, zoneTest(z)]));
}
