/**
 * OSRM settings, read from environment variables. Road routing is on when at least one URL is set;
 * without any, plans use great-circle estimates (src/distances/haversine.ts).
 *
 * | variable              | default        | meaning                                                        |
 * |-----------------------|----------------|----------------------------------------------------------------|
 * | OSRM_URL              | (unset)        | osrm-routed base URL for every road profile, e.g. http://osrm:5000 |
 * | OSRM_URL_VAN          | $OSRM_URL      | server for vans (classes van_n1, evan_n1), e.g. a car.lua extract |
 * | OSRM_URL_TRUCK        | $OSRM_URL      | server for trucks (rigid_*, artic_*), e.g. a truck profile extract |
 * | OSRM_PROFILE          | driving        | the {profile} segment of the URLs (osrm-routed ignores it; proxies may not) |
 * | OSRM_PROFILE_VAN / _TRUCK | $OSRM_PROFILE | per road profile                                          |
 * | OSRM_MAX_TABLE_SIZE   | 100            | the server's --max-table-size: a table block is at most this many sources × destinations |
 * | OSRM_MAX_ROUTE_SIZE   | 500            | the server's --max-viaroute-size: waypoints per route request  |
 * | OSRM_CONCURRENCY      | 4              | requests in flight at once per matrix                          |
 * | OSRM_TIMEOUT_MS       | 30000          | one request's timeout                                          |
 * | OSRM_RETRIES          | 3              | retries of a request after a transient failure (5xx, timeout, dropped connection) |
 * | OSRM_BACKOFF_MS       | 250            | first retry delay; doubles each retry (with jitter)            |
 * | OSRM_DEADLINE_MS      | 120000         | a whole matrix (all blocks, all retries) must be done by then, or the plan falls back |
 * | OSRM_CACHE            | store          | where matrices are cached: store (the SQLite store), memory, off |
 * | OSRM_CACHE_TTL_HOURS  | 168            | cached matrices older than this are fetched again (a new extract changes roads) |
 *
 * A profile with no URL is an error only if a vehicle of that profile exists in a plan — with only
 * OSRM_URL set, trucks and vans share one server (the note in the plan says so).
 */
import type { VehicleClass } from '../../model/schema.ts';
import type { ROAD_PROFILE } from '../travelDefaults.ts';

export type RoadProfile = (typeof ROAD_PROFILE)[VehicleClass];
export const ROAD_PROFILES: readonly RoadProfile[] = ['van', 'truck'];

export interface OsrmEndpoint {
  /** Base URL without trailing slash, e.g. http://osrm-van:5000 or https://gw/osrm. */
  readonly baseUrl: string;
  /** The {profile} path segment. */
  readonly profile: string;
}

export interface OsrmSettings {
  readonly endpoints: Readonly<Partial<Record<RoadProfile, OsrmEndpoint>>>;
  readonly maxTableSize: number;
  readonly maxRouteSize: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly deadlineMs: number;
  readonly cache: 'store' | 'memory' | 'off';
  readonly cacheTtlHours: number;
}

export const OSRM_DEFAULTS = {
  profile: 'driving',
  maxTableSize: 100,
  maxRouteSize: 500,
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 250,
  deadlineMs: 120_000,
  cache: 'store',
  cacheTtlHours: 168,
} as const;

export class OsrmConfigError extends Error {
  override name = 'OsrmConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** null when no OSRM URL is configured (great-circle routing); throws OsrmConfigError on bad values. */
export function loadOsrmSettings(env: Env = process.env): OsrmSettings | null {
  const shared = text(env, 'OSRM_URL');
  const sharedProfile = text(env, 'OSRM_PROFILE') ?? OSRM_DEFAULTS.profile;
  const endpoints: Partial<Record<RoadProfile, OsrmEndpoint>> = {};
  for (const p of ROAD_PROFILES) {
    const suffix = p.toUpperCase();
    const name = text(env, `OSRM_URL_${suffix}`) !== undefined ? `OSRM_URL_${suffix}` : 'OSRM_URL';
    const url = text(env, `OSRM_URL_${suffix}`) ?? shared;
    if (url === undefined) continue;
    endpoints[p] = { baseUrl: baseUrl(name, url), profile: profileSegment(env, suffix, sharedProfile) };
  }
  if (Object.keys(endpoints).length === 0) return null;
  const cache = text(env, 'OSRM_CACHE') ?? OSRM_DEFAULTS.cache;
  if (cache !== 'store' && cache !== 'memory' && cache !== 'off') {
    throw new OsrmConfigError(`OSRM_CACHE=${cache}: expected store, memory or off`);
  }
  return {
    endpoints,
    maxTableSize: int(env, 'OSRM_MAX_TABLE_SIZE', OSRM_DEFAULTS.maxTableSize, 1, 100_000),
    maxRouteSize: int(env, 'OSRM_MAX_ROUTE_SIZE', OSRM_DEFAULTS.maxRouteSize, 2, 100_000),
    concurrency: int(env, 'OSRM_CONCURRENCY', OSRM_DEFAULTS.concurrency, 1, 64),
    timeoutMs: int(env, 'OSRM_TIMEOUT_MS', OSRM_DEFAULTS.timeoutMs, 10, 600_000),
    retries: int(env, 'OSRM_RETRIES', OSRM_DEFAULTS.retries, 0, 20),
    backoffMs: int(env, 'OSRM_BACKOFF_MS', OSRM_DEFAULTS.backoffMs, 0, 60_000),
    deadlineMs: int(env, 'OSRM_DEADLINE_MS', OSRM_DEFAULTS.deadlineMs, 100, 600_000),
    cache,
    cacheTtlHours: int(env, 'OSRM_CACHE_TTL_HOURS', OSRM_DEFAULTS.cacheTtlHours, 0, 24 * 3650),
  };
}

function profileSegment(env: Env, suffix: string, fallback: string): string {
  const name = `OSRM_PROFILE_${suffix}`;
  const value = text(env, name) ?? fallback;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new OsrmConfigError(`${name in env ? name : 'OSRM_PROFILE'}=${value}: expected letters, digits, - or _`);
  }
  return value;
}

function baseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OsrmConfigError(`${name}=${raw}: not a URL (expected e.g. http://osrm:5000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OsrmConfigError(`${name}=${raw}: expected an http:// or https:// URL`);
  }
  if (url.search || url.hash) throw new OsrmConfigError(`${name}=${raw}: no query string or fragment, please`);
  return url.href.replace(/\/+$/, '');
}

function text(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new OsrmConfigError(`${name}=${raw}: expected a whole number between ${min} and ${max}`);
  }
  return v;
}
