/**
 * The matrix provider a plan uses, from the environment: great-circle estimates when no OSRM_URL*
 * is set, otherwise OSRM with the great-circle fallback (see config.ts for every variable).
 * A bad OSRM_* value does not stop plans: they fall back, and the note names the bad setting.
 */
import { loadConfig } from '../../config.ts';
import { openStore } from '../../store/index.ts';
import type { RoutingCacheRepo } from '../../store/routingCache.ts';
import { HaversineProvider } from '../haversine.ts';
import type { MatrixProvider } from '../provider.ts';
import { type CachedMatrix, type MatrixCache, MemoryMatrixCache } from './cache.ts';
import { loadOsrmSettings, type OsrmSettings } from './config.ts';
import { FallbackProvider } from './fallback.ts';
import { OsrmProvider } from './provider.ts';

export { FallbackProvider } from './fallback.ts';
export { OsrmProvider, type RoadLine, type RoadNetwork } from './provider.ts';
export { withRoadAccess } from './roadAccess.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface ProviderDeps {
  /** Overrides the cache chosen by OSRM_CACHE (null: no cache). */
  readonly cache?: MatrixCache | null;
  readonly fetch?: typeof fetch;
}

export function providerFromEnv(env: Env = process.env, deps: ProviderDeps = {}): MatrixProvider {
  let settings: OsrmSettings | null;
  try {
    settings = loadOsrmSettings(env);
  } catch (e) {
    return new FallbackProvider(null, new HaversineProvider(), `bad OSRM setting: ${(e as Error).message}`);
  }
  if (!settings) return new HaversineProvider();
  const cache = deps.cache !== undefined ? deps.cache : cacheFor(settings, env);
  return new FallbackProvider(new OsrmProvider(settings, { cache, fetch: deps.fetch }), new HaversineProvider());
}

function cacheFor(settings: OsrmSettings, env: Env): MatrixCache | null {
  if (settings.cache === 'off') return null;
  if (settings.cache === 'memory') return new MemoryMatrixCache();
  return new StoreMatrixCache(() => loadConfig(env).dbFile, settings.cacheTtlHours * 3_600_000);
}

/**
 * The store's routing_matrices table, opened on first use (the solve thread has no store of its
 * own otherwise). If the store cannot be opened or written, matrices are simply not cached there:
 * a cache must never fail a plan.
 */
export class StoreMatrixCache implements MatrixCache {
  private repo: RoutingCacheRepo | null = null;
  private broken = false;
  private readonly memory = new MemoryMatrixCache();

  constructor(
    private readonly file: () => string,
    /** Rows older than this are pruned when a new matrix is stored. */
    private readonly ttlMs = 168 * 3_600_000,
  ) {}

  get(key: string, maxAgeMs: number): CachedMatrix | null {
    const repo = this.open();
    try {
      return repo?.get(key, maxAgeMs) ?? this.memory.get(key, maxAgeMs);
    } catch {
      return this.memory.get(key, maxAgeMs);
    }
  }

  set(key: string, meta: { profile: string; points: number }, value: CachedMatrix): void {
    this.memory.set(key, meta, value);
    try {
      const repo = this.open();
      repo?.put(key, meta, value);
      repo?.prune(this.ttlMs);
    } catch {
      // A full disk or a locked file costs a cache entry, not a plan.
    }
  }

  private open() {
    if (this.repo || this.broken) return this.repo;
    try {
      this.repo = openStore(this.file()).routingCache;
    } catch {
      this.broken = true;
    }
    return this.repo;
  }
}
