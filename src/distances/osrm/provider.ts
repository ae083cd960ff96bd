/**
 * Road distances and durations from OSRM. Vehicles are routed on their class's road profile
 * (ROAD_PROFILE: van or truck), each profile on its own server when configured; vehicles whose
 * profiles share a server share one matrix. Also serves road geometry for the final routes and
 * tells which depot ↔ order pairs have no road at all.
 */
import type { VehicleSpec } from '../../model/schema.ts';
import type { MatrixProvider, Point, TravelMatrix } from '../provider.ts';
import { ROAD_PROFILE } from '../travelDefaults.ts';
import { type CachedMatrix, canonicalPoints, fromCanonical, type MatrixCache } from './cache.ts';
import { OsrmClient, OsrmError } from './client.ts';
import { type OsrmEndpoint, type OsrmSettings, ROAD_PROFILES, type RoadProfile } from './config.ts';
import { buildMatrix, UNROUTABLE } from './matrix.ts';
import type { LonLat } from './wire.ts';

/** A road line through waypoints: its positions and where each waypoint sits in them. */
export interface RoadLine {
  readonly coordinates: LonLat[];
  /** waypointIndex[k]: index in `coordinates` of waypoint k (non-decreasing). */
  readonly waypointIndex: number[];
}

/** What a provider with a road network can say beyond matrices. */
export interface RoadNetwork {
  /** True when the last matrix for `profileKey` has no route from `from` to `to`. */
  noRoad(profileKey: string, from: Point, to: Point): boolean;
  /** Road geometry through `points` in order; throws (OsrmError) when it cannot be had. */
  routeLine(profileKey: string, points: readonly Point[], signal?: AbortSignal): Promise<RoadLine>;
  /** Label of the road profile behind a key, for messages ("van", "truck"). */
  profileLabel(profileKey: string): string;
}

export interface OsrmProviderOptions {
  readonly cache?: MatrixCache | null;
  readonly fetch?: typeof fetch;
}

/** Snapping farther than this from the given coordinate is worth a word in the plan. */
const SNAP_NOTE_METRES = 250;

export class OsrmProvider implements MatrixProvider, RoadNetwork {
  readonly name = 'osrm' as const;
  private readonly clients = new Map<string, OsrmClient>();
  private readonly profilesOfKey = new Map<string, Set<RoadProfile>>();
  private readonly last = new Map<string, { index: Map<string, number>; n: number; m: CachedMatrix }>();
  private readonly notes = new Set<string>();
  private cacheHits = 0;
  private unroutable = 0;
  private farSnaps = 0;

  constructor(
    private readonly settings: OsrmSettings,
    private readonly options: OsrmProviderOptions = {},
  ) {}

  profileKey(vehicle: VehicleSpec): string {
    const wanted = ROAD_PROFILE[vehicle.energy.vehicleClass];
    const endpoint = this.endpointFor(wanted);
    const key = `osrm:${endpoint.baseUrl}/${endpoint.profile}`;
    if (!this.clients.has(key)) {
      this.clients.set(
        key,
        new OsrmClient({
          endpoint,
          timeoutMs: this.settings.timeoutMs,
          retries: this.settings.retries,
          backoffMs: this.settings.backoffMs,
          fetch: this.options.fetch,
        }),
      );
    }
    const profiles = this.profilesOfKey.get(key) ?? new Set();
    // Kept in ROAD_PROFILES order so notes read the same whatever the fleet's order.
    this.profilesOfKey.set(key, new Set(ROAD_PROFILES.filter((p) => p === wanted || profiles.has(p))));
    return key;
  }

  async matrix(points: readonly Point[], profileKey: string, signal?: AbortSignal): Promise<TravelMatrix> {
    const client = this.client(profileKey);
    const canon = canonicalPoints(client.endpoint, points);
    const maxAge = this.settings.cacheTtlHours * 3_600_000;
    let built = this.options.cache?.get(canon.key, maxAge) ?? null;
    if (built) {
      this.cacheHits++;
    } else {
      const fresh = await buildMatrix(client, canon.points, {
        blockSize: this.settings.maxTableSize,
        concurrency: this.settings.concurrency,
        deadlineMs: this.settings.deadlineMs,
        signal,
      });
      if (fresh.splits > 0) {
        this.notes.add(
          `the server refused ${this.settings.maxTableSize}×${this.settings.maxTableSize} tables (TooBig): ` +
            'set OSRM_MAX_TABLE_SIZE to its --max-table-size',
        );
      }
      built = fresh;
      this.options.cache?.set(canon.key, { profile: profileKey, points: points.length }, fresh);
    }
    const m = fromCanonical(built, canon.order);
    this.unroutable += m.unroutable;
    this.farSnaps += m.snapMetres.filter((s) => s > SNAP_NOTE_METRES).length;
    this.last.set(profileKey, { index: indexOf(points), n: points.length, m });
    return { distance: m.distance, duration: m.duration };
  }

  describe(): { note: string } {
    const servers = [...this.profilesOfKey].map(([key, profiles]) => `${[...profiles].join('+')}: ${key.slice(5)}`);
    const parts = [`road distances and durations from OSRM (${servers.join('; ')})`];
    for (const [key, profiles] of this.profilesOfKey) {
      if (profiles.size > 1) parts.push(`${[...profiles].join(' and ')} share ${key.slice(5)}: one road network`);
    }
    if (this.cacheHits > 0) parts.push(`${this.cacheHits} matrix(es) from the cache`);
    if (this.unroutable > 0) parts.push(`${this.unroutable} pair(s) without a road route, treated as forbidden`);
    if (this.farSnaps > 0) parts.push(`${this.farSnaps} point(s) more than ${SNAP_NOTE_METRES} m from a known road`);
    return { note: [...parts, ...this.notes].join('; ') };
  }

  noRoad(profileKey: string, from: Point, to: Point): boolean {
    const last = this.last.get(profileKey);
    if (!last) return false;
    const a = last.index.get(coordKey(from));
    const b = last.index.get(coordKey(to));
    if (a === undefined || b === undefined || a === b) return false;
    return last.m.distance[a * last.n + b] >= UNROUTABLE;
  }

  profileLabel(profileKey: string): string {
    return [...(this.profilesOfKey.get(profileKey) ?? [])].join('+') || 'road';
  }

  /** Road geometry through `points`, in pieces of at most max-viaroute-size waypoints. */
  async routeLine(profileKey: string, points: readonly Point[], signal?: AbortSignal): Promise<RoadLine> {
    const client = this.client(profileKey);
    if (points.length < 2) {
      const p: LonLat = [points[0].lon, points[0].lat];
      return { coordinates: [p, p], waypointIndex: [0] };
    }
    const size = this.settings.maxRouteSize;
    const coordinates: LonLat[] = [];
    const waypointIndex: number[] = [];
    for (let start = 0; start < points.length - 1; start += size - 1) {
      const piece = points.slice(start, start + size);
      const answer = await client.route(piece, signal);
      const line = answer.routes[0].geometry.coordinates;
      const at = locateWaypoints(
        line,
        answer.waypoints.map((w) => w.location),
      );
      // Consecutive pieces share a waypoint: its position is kept once.
      const first = coordinates.length === 0 ? 0 : 1;
      const offset = coordinates.length === 0 ? 0 : coordinates.length - 1;
      for (let k = first; k < line.length; k++) coordinates.push([line[k][0], line[k][1]]);
      for (let k = first; k < at.length; k++) waypointIndex.push(at[k] + offset);
    }
    return { coordinates, waypointIndex };
  }

  private client(profileKey: string): OsrmClient {
    const client = this.clients.get(profileKey);
    if (!client) throw new OsrmError(`unknown OSRM profile key ${profileKey}`, 'protocol', false);
    return client;
  }

  private endpointFor(profile: RoadProfile): OsrmEndpoint {
    const own = this.settings.endpoints[profile];
    if (own) return own;
    const other = Object.values(this.settings.endpoints)[0];
    if (!other) throw new OsrmError('no OSRM URL configured', 'protocol', false);
    this.notes.add(`no OSRM server for ${profile}s (OSRM_URL_${profile.toUpperCase()}): routed on ${other.baseUrl}`);
    return other;
  }
}

const coordKey = (p: Point) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

function indexOf(points: readonly Point[]): Map<string, number> {
  const index = new Map<string, number>();
  points.forEach((p, i) => {
    if (!index.has(coordKey(p))) index.set(coordKey(p), i);
  });
  return index;
}

/**
 * Where each snapped waypoint sits in the route line. OSRM's full overview passes exactly
 * through every snapped waypoint; search forward so a route that passes a place twice keeps
 * its waypoints in order.
 */
export function locateWaypoints(line: readonly LonLat[], waypoints: readonly LonLat[]): number[] {
  const out: number[] = [0];
  let from = 0;
  for (let k = 1; k < waypoints.length - 1; k++) {
    const [x, y] = waypoints[k];
    let best = from;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = from; i < line.length; i++) {
      const d = (line[i][0] - x) ** 2 + (line[i][1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
        if (d < 1e-14) break; // the waypoint itself (OSRM writes both with 6 decimals)
      }
    }
    out.push(best);
    from = best;
  }
  if (waypoints.length > 1) out.push(line.length - 1);
  return out;
}
