/**
 * An order whose address has no road to or from its vehicle's depot (OSRM answered null: the
 * point snapped onto a piece of road that does not connect) is refused for that vehicle with the
 * reason, instead of surfacing as an absurd arrival time. Checked on the matrices just fetched.
 */
import type { CompileRules, VehicleRestriction } from '../../compile/rules.ts';
import type { PlanRequest } from '../../model/schema.ts';
import type { MatrixProvider } from '../provider.ts';
import { isRoadNetwork } from './routeGeometry.ts';

export function roadAccessRestriction(request: PlanRequest, provider: MatrixProvider): VehicleRestriction | null {
  if (!isRoadNetwork(provider)) return null;
  const depots = new Map(request.depots.map((d) => [d.id, d]));
  return {
    source: 'osrm:no-road',
    check(order, vehicle) {
      if (provider.name !== 'osrm') return null;
      const key = provider.profileKey(vehicle);
      const network = `${provider.profileLabel(key)} road network (OSRM found no route)`;
      const start = depots.get(vehicle.startDepot);
      if (start && provider.noRoad(key, start.location, order.location)) {
        return `no road from depot ${start.id} to this address on the ${network}`;
      }
      const endId = vehicle.endDepot === undefined ? vehicle.startDepot : vehicle.endDepot;
      const end = endId === null ? undefined : depots.get(endId);
      if (end && provider.noRoad(key, order.location, end.location)) {
        return `no road from this address back to depot ${end.id} on the ${network}`;
      }
      return null;
    },
  };
}

/** `rules` plus the road-access restriction when the provider knows roads. */
export function withRoadAccess(
  request: PlanRequest,
  provider: MatrixProvider,
  rules: CompileRules | undefined,
): CompileRules | undefined {
  const road = roadAccessRestriction(request, provider);
  if (!road) return rules;
  return { ...rules, restrictions: [...(rules?.restrictions ?? []), road] };
}
