/**
 * Default matrix provider: great-circle distance (@turf/turf) × a road detour factor, and a
 * duration from an average speed per vehicle class. No network, deterministic, and honest about
 * being an estimate (the plan's routing report says so).
 */
import { distance as turfDistance } from '@turf/turf';
import type { VehicleSpec } from '../model/schema.ts';
import type { MatrixProvider, Point, TravelMatrix } from './provider.ts';
import { DEFAULT_DETOUR_FACTOR, DEFAULT_SPEED_KMH } from './travelDefaults.ts';

export interface HaversineOptions {
  readonly detourFactor?: number;
  readonly speedKmh?: Partial<typeof DEFAULT_SPEED_KMH>;
}

export class HaversineProvider implements MatrixProvider {
  readonly name = 'haversine' as const;
  private readonly detour: number;
  private readonly speeds: typeof DEFAULT_SPEED_KMH;
  private cached: { points: readonly Point[]; metres: Float64Array } | null = null;

  constructor(options: HaversineOptions = {}) {
    this.detour = options.detourFactor ?? DEFAULT_DETOUR_FACTOR;
    this.speeds = { ...DEFAULT_SPEED_KMH, ...options.speedKmh };
  }

  profileKey(vehicle: VehicleSpec): string {
    return `speed:${vehicle.averageSpeedKmh ?? this.speeds[vehicle.energy.vehicleClass]}`;
  }

  async matrix(points: readonly Point[], profileKey: string): Promise<TravelMatrix> {
    const kmh = Number(profileKey.slice('speed:'.length));
    if (!(kmh > 0)) throw new Error(`haversine provider: bad profile key ${profileKey}`);
    const distance = this.metres(points);
    const metresPerSecond = (kmh * 1000) / 3600;
    const duration = new Float64Array(distance.length);
    for (let i = 0; i < distance.length; i++) duration[i] = distance[i] / metresPerSecond;
    return { distance, duration };
  }

  describe() {
    return { detourFactor: this.detour, note: `great-circle distance × ${this.detour}, class average speeds` };
  }

  /** Distances do not depend on the profile: compute them once per point list. */
  private metres(points: readonly Point[]): Float64Array {
    if (this.cached?.points === points) return this.cached.metres;
    const n = points.length;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const a: [number, number] = [points[i].lon, points[i].lat];
      for (let j = i + 1; j < n; j++) {
        const m = turfDistance(a, [points[j].lon, points[j].lat], { units: 'meters' }) * this.detour;
        out[i * n + j] = m;
        out[j * n + i] = m;
      }
    }
    this.cached = { points, metres: out };
    return out;
  }
}
