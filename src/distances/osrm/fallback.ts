/**
 * OSRM with a safety net: when OSRM fails (after its retries), the plan is computed on great-circle
 * estimates instead and says so — `routing.provider: "haversine-fallback"` with the reason in
 * `routing.note` — rather than failing the plan or mixing road and straight-line matrices.
 *
 * Consistency: the pipeline asks for every vehicle's profile key before the first matrix, so the
 * first `matrix()` call fetches the OSRM matrices of *all* known profiles; if any fails, every
 * profile falls back together. A plan is never half on roads and half on straight lines.
 */
import type { VehicleSpec } from '../../model/schema.ts';
import type { HaversineProvider } from '../haversine.ts';
import type { MatrixProvider, Point, TravelMatrix } from '../provider.ts';
import type { OsrmProvider, RoadLine, RoadNetwork } from './provider.ts';

export class FallbackProvider implements MatrixProvider, RoadNetwork {
  private failure: string | null;
  private readonly keys = new Map<string, { primary: string | null; fallback: string }>();
  private fetched: { points: readonly Point[]; matrices: Map<string, TravelMatrix> } | null = null;

  constructor(
    private readonly primary: OsrmProvider | null,
    private readonly fallback: HaversineProvider,
    /** Set when OSRM is known to be unusable from the start (e.g. a bad OSRM_* setting). */
    failure: string | null = null,
  ) {
    this.failure = primary ? failure : (failure ?? 'no OSRM provider');
  }

  get name(): 'osrm' | 'haversine-fallback' {
    return this.failure === null ? 'osrm' : 'haversine-fallback';
  }

  /** Why OSRM is not used, or null while it is. */
  get failed(): string | null {
    return this.failure;
  }

  profileKey(vehicle: VehicleSpec): string {
    let primary: string | null = null;
    if (this.failure === null && this.primary) {
      try {
        primary = this.primary.profileKey(vehicle);
      } catch (e) {
        this.fail(e);
      }
    }
    const fallback = this.fallback.profileKey(vehicle);
    const key = JSON.stringify([primary, fallback]);
    this.keys.set(key, { primary, fallback });
    return key;
  }

  async matrix(points: readonly Point[], profileKey: string, signal?: AbortSignal): Promise<TravelMatrix> {
    const parts = this.parts(profileKey);
    if (this.failure === null && parts.primary !== null) {
      try {
        const m = (await this.primaryMatrices(points, signal)).get(parts.primary);
        if (m) return m;
      } catch (e) {
        // A stop asked by the plan (cancel, cap) is not an OSRM failure: no fallback, stop here.
        if (signal?.aborted) throw e;
        this.fail(e);
      }
    }
    return this.fallback.matrix(points, parts.fallback);
  }

  describe(): { note?: string; detourFactor?: number } {
    if (this.failure === null && this.primary) return this.primary.describe();
    const own = this.fallback.describe();
    return {
      note: `OSRM unavailable, great-circle estimates used instead (${own.note}): ${this.failure}`,
      detourFactor: own.detourFactor,
    };
  }

  noRoad(profileKey: string, from: Point, to: Point): boolean {
    const { primary } = this.parts(profileKey);
    return this.failure === null && primary !== null && !!this.primary?.noRoad(primary, from, to);
  }

  routeLine(profileKey: string, points: readonly Point[], signal?: AbortSignal): Promise<RoadLine> {
    const { primary } = this.parts(profileKey);
    if (this.failure !== null || primary === null || !this.primary) {
      return Promise.reject(new Error(`no road geometry: ${this.failure}`));
    }
    return this.primary.routeLine(primary, points, signal);
  }

  profileLabel(profileKey: string): string {
    const { primary } = this.parts(profileKey);
    return primary !== null && this.primary ? this.primary.profileLabel(primary) : 'road';
  }

  private async primaryMatrices(points: readonly Point[], signal?: AbortSignal): Promise<Map<string, TravelMatrix>> {
    if (this.fetched?.points !== points) this.fetched = { points, matrices: new Map() };
    const { matrices } = this.fetched;
    for (const { primary } of this.keys.values()) {
      if (primary !== null && !matrices.has(primary))
        matrices.set(primary, await this.primary!.matrix(points, primary, signal));
    }
    return matrices;
  }

  private parts(profileKey: string): { primary: string | null; fallback: string } {
    const known = this.keys.get(profileKey);
    if (known) return known;
    const [primary, fallback] = JSON.parse(profileKey) as [string | null, string];
    return { primary, fallback };
  }

  private fail(e: unknown): void {
    this.failure ??= e instanceof Error ? e.message : String(e);
  }
}
