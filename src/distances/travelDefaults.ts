/**
 * Defaults for straight-line travel estimates. Sources and reasoning:
 * - Road detour factor 1.3: ratio of road distance to great-circle distance. Published circuity
 *   measurements put it around 1.2 between cities and higher inside them (Ballou, Rahardja &
 *   Sakai 2002, "Selected country circuity factors for road and rail network distances",
 *   Transportation Research A 36); 1.3 is an urban-delivery assumption — calibrate it with OSRM or
 *   telematics (TOURNEE_DETOUR_FACTOR).
 * - Average speeds by vehicle class (door to door, urban and peri-urban delivery, including
 *   junctions and parking): assumptions to calibrate, overridable per vehicle
 *   (`averageSpeedKmh`) or globally (TOURNEE_SPEEDS='{"van_n1":32}').
 */
import type { VehicleClass } from '../model/schema.ts';

export const DEFAULT_DETOUR_FACTOR = 1.3;

export const DEFAULT_SPEED_KMH: Readonly<Record<VehicleClass, number>> = {
  van_n1: 30,
  evan_n1: 30,
  rigid_7_5t: 27,
  rigid_12t: 25,
  rigid_19t: 24,
  artic_40t: 22,
};

/** Which road profile a class drives on (OSRM profiles: van-sized vehicles vs trucks). */
export const ROAD_PROFILE: Readonly<Record<VehicleClass, 'van' | 'truck'>> = {
  van_n1: 'van',
  evan_n1: 'van',
  rigid_7_5t: 'truck',
  rigid_12t: 'truck',
  rigid_19t: 'truck',
  artic_40t: 'truck',
};
