/**
 * Cached road matrices (issue 5): one row per OSRM server, profile and set of coordinates (see
 * src/distances/osrm/cache.ts for the key). Matrices are Float64 blobs in the key's canonical
 * point order. Rows older than the TTL are ignored and pruned; the table is also capped in rows
 * so a long-running installation does not grow without bound.
 */
import type { Db } from './db.ts';

export interface StoredMatrix {
  readonly distance: Float64Array;
  readonly duration: Float64Array;
  readonly unroutable: number;
  readonly snapMetres: Float64Array;
}

export interface RoutingCacheRepo {
  get(key: string, maxAgeMs: number): StoredMatrix | null;
  put(key: string, meta: { profile: string; points: number }, value: StoredMatrix): void;
  /** Removes rows older than maxAgeMs and all but the newest `keep`; returns how many went. */
  prune(maxAgeMs: number, keep?: number): number;
}

/** Newest rows kept by prune (a 250-point matrix is about 1 MB). */
export const ROUTING_CACHE_KEEP = 500;

interface Row {
  created_at: string;
  unroutable: number;
  distance: Buffer;
  duration: Buffer;
  snap: Buffer;
}

export function routingCacheRepo(db: Db): RoutingCacheRepo {
  const select = db.prepare(
    'SELECT created_at, unroutable, distance, duration, snap FROM routing_matrices WHERE key = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO routing_matrices (key, profile, points, created_at, unroutable, distance, duration, snap)
    VALUES (@key, @profile, @points, @createdAt, @unroutable, @distance, @duration, @snap)
    ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, unroutable = excluded.unroutable,
      distance = excluded.distance, duration = excluded.duration, snap = excluded.snap`);
  const pruneOld = db.prepare('DELETE FROM routing_matrices WHERE created_at <= ?');
  const pruneMany = db.prepare(
    'DELETE FROM routing_matrices WHERE key NOT IN (SELECT key FROM routing_matrices ORDER BY created_at DESC LIMIT ?)',
  );
  const repo: RoutingCacheRepo = {
    get(key, maxAgeMs) {
      const row = select.get(key) as Row | undefined;
      if (!row || Date.now() - Date.parse(row.created_at) > maxAgeMs) return null;
      return {
        distance: floats(row.distance),
        duration: floats(row.duration),
        unroutable: row.unroutable,
        snapMetres: floats(row.snap),
      };
    },
    put(key, meta, value) {
      upsert.run({
        key,
        profile: meta.profile,
        points: meta.points,
        createdAt: new Date().toISOString(),
        unroutable: value.unroutable,
        distance: bytes(value.distance),
        duration: bytes(value.duration),
        snap: bytes(value.snapMetres),
      });
    },
    prune(maxAgeMs, keep = ROUTING_CACHE_KEEP) {
      const cutoff = new Date(Date.now() - maxAgeMs).toISOString();
      return db.transaction(() => pruneOld.run(cutoff).changes + pruneMany.run(keep).changes)();
    },
  };
  return repo;
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Copies: a Buffer from SQLite need not be 8-byte aligned. */
function floats(b: Buffer): Float64Array {
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}
