/**
 * Where travel distances and durations come from. A provider turns a list of points into one
 * distance matrix (metres) and one duration matrix (seconds) per routing profile. Vehicles whose
 * `profileKey` is equal share matrices, so a mixed fleet costs one matrix per kind of vehicle,
 * not one per vehicle.
 */
import type { VehicleSpec } from '../model/schema.ts';

export interface Point {
  readonly lat: number;
  readonly lon: number;
}

export interface TravelMatrix {
  /** n*n metres, row = from. */
  readonly distance: Float64Array;
  /** n*n seconds of driving, row = from. */
  readonly duration: Float64Array;
}

export interface MatrixProvider {
  /** Label reported in the plan (`routing.provider`). */
  readonly name: 'haversine' | 'osrm' | 'haversine-fallback';
  /** Matrices are shared by vehicles with the same key. */
  profileKey(vehicle: VehicleSpec): string;
  /** `signal` aborts a slow fetch when the plan is cancelled or hits the cap. */
  matrix(points: readonly Point[], profileKey: string, signal?: AbortSignal): Promise<TravelMatrix>;
  /** Extra facts for the plan's routing report (detour factor, fallback reason, ...). */
  describe?(): { note?: string; detourFactor?: number };
}
