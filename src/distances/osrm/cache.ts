/**
 * Matrix cache: a day's depots and customers repeat from plan to plan, and a 150-point matrix is
 * 22,500 routes. Matrices are keyed by the server, the profile and the *set* of coordinates
 * (rounded to 1e-6°, about 0.1 m): points are put in a canonical order before hashing, so the same
 * places listed in another order hit the same entry, and the matrix is permuted back on the way out.
 *
 * The store keeps entries across plans (src/store/routingCache.ts); the in-memory cache is for a
 * process without the store and for tests. Entries older than the TTL are fetched again, since a
 * new OSM extract changes the roads.
 */
import { createHash } from 'node:crypto';
import type { Point } from '../provider.ts';
import type { OsrmEndpoint } from './config.ts';

export interface CachedMatrix {
  readonly distance: Float64Array;
  readonly duration: Float64Array;
  readonly unroutable: number;
  readonly snapMetres: Float64Array;
}

export interface MatrixCache {
  /** The entry, or null when missing or older than maxAgeMs. */
  get(key: string, maxAgeMs: number): CachedMatrix | null;
  set(key: string, meta: { profile: string; points: number }, value: CachedMatrix): void;
}

export class MemoryMatrixCache implements MatrixCache {
  private readonly entries = new Map<string, { at: number; value: CachedMatrix }>();
  constructor(private readonly capacity = 16) {}

  get(key: string, maxAgeMs: number): CachedMatrix | null {
    const hit = this.entries.get(key);
    if (!hit || Date.now() - hit.at > maxAgeMs) return null;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, _meta: { profile: string; points: number }, value: CachedMatrix): void {
    this.entries.delete(key);
    this.entries.set(key, { at: Date.now(), value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface CanonicalPoints {
  readonly key: string;
  /** order[k]: the request point at canonical position k. */
  readonly order: Int32Array;
  readonly points: Point[];
}

const coord = (p: Point) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

export function canonicalPoints(endpoint: OsrmEndpoint, points: readonly Point[]): CanonicalPoints {
  const labels = points.map(coord);
  const order = Int32Array.from(points.keys()).sort((a, b) =>
    labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : a - b,
  );
  const hash = createHash('sha256');
  hash.update(`osrm-v5-table|${endpoint.baseUrl}|${endpoint.profile}|`);
  for (const k of order) hash.update(`${labels[k]};`);
  return { key: hash.digest('hex'), order, points: Array.from(order, (k) => points[k]) };
}

/** A matrix over canonical positions → the same matrix over request points. */
export function fromCanonical(m: CachedMatrix, order: Int32Array): CachedMatrix {
  const n = order.length;
  const distance = new Float64Array(n * n);
  const duration = new Float64Array(n * n);
  const snapMetres = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const i = order[a];
    snapMetres[i] = m.snapMetres[a];
    for (let b = 0; b < n; b++) {
      const j = order[b];
      distance[i * n + j] = m.distance[a * n + b];
      duration[i * n + j] = m.duration[a * n + b];
    }
  }
  return { distance, duration, unroutable: m.unroutable, snapMetres };
}
