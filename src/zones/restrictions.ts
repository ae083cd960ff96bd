/**
 * Low-emission zones as compile rules: an order whose address lies inside a zone (boundary
 * included: a planner cannot be told "just outside") may only be served by a vehicle that
 * complies with that zone. The compiler's reachability step turns the refusals into allowed
 * vehicle ↔ order pairs, and into an unassigned order with the sentence when no vehicle complies.
 */
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { CompileRules, VehicleRestriction } from '../compile/rules.ts';
import type { OrderSpec, PlanRequest, ZoneSpec } from '../model/schema.ts';
import { refusal } from './emission.ts';

export function zoneRestrictions(zones: readonly ZoneSpec[]): VehicleRestriction[] {
  return zones.map((zone) => {
    const contains = zoneTest(zone);
    const inside = new Map<OrderSpec, boolean>();
    return {
      source: `zone:${zone.id}`,
      check(order, vehicle) {
        let isInside = inside.get(order);
        if (isInside === undefined) {
          isInside = contains(order.location.lon, order.location.lat);
          inside.set(order, isInside);
        }
        return isInside ? refusal(zone, vehicle) : null;
      },
    };
  });
}

/** Point-in-zone test with a bounding-box shortcut (holes and multipolygons as GeoJSON says). */
export function zoneTest(zone: ZoneSpec): (lon: number, lat: number) => boolean {
  const [minX, minY, maxX, maxY] = bbox(zone.geometry);
  return (lon, lat) =>
    lon >= minX && lon <= maxX && lat >= minY && lat <= maxY && booleanPointInPolygon([lon, lat], zone.geometry);
}

/** The zone restrictions of a request, after any rules already given (learned constraints). */
export function withZoneRules(request: PlanRequest, rules: CompileRules | undefined): CompileRules | undefined {
  if (!request.zones?.length) return rules;
  return { ...rules, restrictions: [...(rules?.restrictions ?? []), ...zoneRestrictions(request.zones)] };
}
