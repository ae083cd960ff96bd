/**
 * Real-shaped zones for tests. "ZFE Lyon" follows roughly the perimeter of Lyon's low-emission
 * zone (Lyon and Villeurbanne inside the ring roads) with a hole where the Port Édouard Herriot
 * logistics area sits; "ZFE Grenoble" is a second polygon of the same multipolygon zone.
 * Positions are [longitude, latitude].
 */
import type { PlanRequestInput } from '../../src/model/schema.ts';

export const LYON_RING: [number, number][] = [
  [4.795, 45.73],
  [4.84, 45.705],
  [4.89, 45.71],
  [4.93, 45.735],
  [4.935, 45.77],
  [4.91, 45.795],
  [4.86, 45.81],
  [4.815, 45.795],
  [4.79, 45.765],
  [4.795, 45.73],
];

/** The port area: excluded from the zone (a hole). */
export const PORT_HOLE: [number, number][] = [
  [4.825, 45.722],
  [4.848, 45.722],
  [4.848, 45.738],
  [4.825, 45.738],
  [4.825, 45.722],
];

export const GRENOBLE_RING: [number, number][] = [
  [5.68, 45.16],
  [5.77, 45.16],
  [5.77, 45.21],
  [5.68, 45.21],
  [5.68, 45.16],
];

export const PLACES = {
  bellecour: { lat: 45.7578, lon: 4.832 },
  villeurbanne: { lat: 45.7719, lon: 4.8902 },
  port: { lat: 45.73, lon: 4.836 },
  corbas: { lat: 45.6687, lon: 4.9019 },
  saintPriest: { lat: 45.6967, lon: 4.944 },
  grenoble: { lat: 45.1885, lon: 5.7245 },
  /** North-west and north-east of the city, outside the zone: the road between them crosses it. */
  ecully: { lat: 45.7745, lon: 4.7775 },
  vaulxEnVelin: { lat: 45.7787, lon: 4.9415 },
};

export const ZFE_LYON = {
  id: 'zfe-lyon',
  name: 'ZFE Lyon',
  geometry: { type: 'Polygon' as const, coordinates: [LYON_RING, PORT_HOLE] },
  allowed: { critAir: ['E' as const, '1' as const] },
};

export const ZFE_ALPS = {
  id: 'zfe-alps',
  name: 'ZFE Lyon + Grenoble',
  geometry: { type: 'MultiPolygon' as const, coordinates: [[LYON_RING, PORT_HOLE], [GRENOBLE_RING]] },
  allowed: { minEuro: 'Euro 6' },
  allowedByClass: { rigid_12t: { minEuro: 'Euro VI', vehicleClasses: ['rigid_12t' as const] } },
};

type Vehicle = PlanRequestInput['vehicles'][number];

export function vehicle(id: string, overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    id,
    startDepot: 'corbas',
    capacity: { kg: 1000 },
    shift: { start: '07:00', end: '18:00' },
    costs: { fixed: 10, perKm: 0.2, perHour: 20 },
    energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
    emissionClass: { euro: 'Euro 6', critAir: '2' },
    ...overrides,
  };
}

export const EV = (id: string) =>
  vehicle(id, { energy: { carrier: 'electric', vehicleClass: 'evan_n1' }, emissionClass: { critAir: 'E' } });

export function day(
  orders: Record<string, { lat: number; lon: number }>,
  vehicles: Vehicle[],
  zones: unknown[] = [ZFE_LYON],
): PlanRequestInput {
  return {
    date: '2026-03-02',
    timezone: 'Europe/Paris',
    settings: { timeLimitSeconds: 0.5, seed: 1, frugalStop: false, lp: false },
    depots: [{ id: 'corbas', location: PLACES.corbas, openingHours: { start: '06:00', end: '20:00' } }],
    vehicles,
    orders: Object.entries(orders).map(([id, location]) => ({
      id,
      customerId: `C-${id}`,
      location,
      demand: { kg: 10 },
      serviceMinutes: 5,
    })),
    zones: zones as PlanRequestInput['zones'],
  };
}
