/**
 * A small typed client for OSRM's v5 HTTP API on Node's own fetch: the table service (distance and
 * duration matrices) and the route service (road geometry). Each request has its own timeout;
 * transient failures (HTTP 5xx/429, timeouts, refused or dropped connections) are retried with
 * exponential backoff; answers that will not change on a retry (InvalidQuery, NoRoute, TooBig, ...)
 * are not. Every failure is an OsrmError whose message says what happened and how often it was tried.
 *
 * Why not osrm-client (the design card's package): its 0.0.9 speaks OSRM's v4 API (`/viaroute`,
 * `/table?loc=`), which OSRM 5 answers with InvalidUrl, and it depends on the deprecated `request`.
 */
import type { Point } from '../provider.ts';
import type { OsrmEndpoint } from './config.ts';
import { checkRoute, checkTable, type OsrmErrorCode, type RouteAnswer, type TableAnswer } from './wire.ts';

export type OsrmFailure = 'osrm' | 'http' | 'timeout' | 'network' | 'protocol' | 'aborted';

export class OsrmError extends Error {
  override name = 'OsrmError';
  constructor(
    message: string,
    /** osrm: the server answered with an error code; http: a status without an OSRM answer. */
    readonly kind: OsrmFailure,
    /** Worth retrying: the same request may well succeed later. */
    readonly transient: boolean,
    readonly code?: OsrmErrorCode,
    readonly status?: number,
    readonly attempts = 1,
  ) {
    super(message);
  }

  withAttempts(attempts: number): OsrmError {
    if (attempts <= 1) return this;
    const message = `${this.message} (${attempts} attempts)`;
    return new OsrmError(message, this.kind, this.transient, this.code, this.status, attempts);
  }
}

export interface OsrmClientOptions {
  readonly endpoint: OsrmEndpoint;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  /** For tests; Node's global fetch by default. */
  readonly fetch?: typeof fetch;
}

/** Longest wait between two attempts, whatever the backoff grew to. */
const MAX_BACKOFF_MS = 10_000;

export class OsrmClient {
  readonly endpoint: OsrmEndpoint;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: OsrmClientOptions) {
    this.endpoint = options.endpoint;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * Durations and distances from `sources` to `destinations` (indices into `points`; all when omitted).
   * OSRM refuses a table whose sources × destinations exceeds max-table-size² with TooBig.
   */
  table(
    points: readonly Point[],
    sources?: readonly number[],
    destinations?: readonly number[],
    signal?: AbortSignal,
  ): Promise<TableAnswer> {
    const query = new URLSearchParams({ annotations: 'duration,distance', generate_hints: 'false' });
    if (sources) query.set('sources', sources.join(';'));
    if (destinations) query.set('destinations', destinations.join(';'));
    const rows = sources?.length ?? points.length;
    const cols = destinations?.length ?? points.length;
    return this.call(this.url('table', points, query), (b) => checkTable(b, rows, cols), signal);
  }

  /** The fastest road route through `points` in order, with its full GeoJSON geometry. */
  route(points: readonly Point[], signal?: AbortSignal): Promise<RouteAnswer> {
    const query = new URLSearchParams({
      overview: 'full',
      geometries: 'geojson',
      steps: 'false',
      // As the table service does: a vehicle may turn round at a stop.
      continue_straight: 'false',
      generate_hints: 'false',
    });
    return this.call(this.url('route', points, query), (b) => checkRoute(b, points.length), signal);
  }

  private url(service: 'table' | 'route', points: readonly Point[], query: URLSearchParams): string {
    const coords = points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    // URLSearchParams would escape ';' and ','; OSRM wants them literal.
    const q = query.toString().replaceAll('%3B', ';').replaceAll('%2C', ',');
    return `${this.endpoint.baseUrl}/${service}/v1/${this.endpoint.profile}/${coords}?${q}`;
  }

  private async call<T>(url: string, parse: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, parse, signal);
      } catch (e) {
        const error = e instanceof OsrmError ? e : new OsrmError(String(e), 'protocol', false);
        if (!error.transient || attempt > this.options.retries || signal?.aborted) throw error.withAttempts(attempt);
        await sleep(this.backoff(attempt), signal);
      }
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** (attempt - 1);
    return Math.min(MAX_BACKOFF_MS, base * (0.75 + Math.random() / 2));
  }

  private async once<T>(url: string, parse: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let text: string;
    try {
      const res = await this.fetchImpl(url, { signal: both, headers: { accept: 'application/json' } });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw new OsrmError('OSRM request abandoned', 'aborted', false);
      if (timeout.aborted) {
        throw new OsrmError(`OSRM gave no answer within ${this.options.timeoutMs} ms`, 'timeout', true);
      }
      throw new OsrmError(`OSRM connection failed: ${describeFetchError(e)}`, 'network', true);
    }
    const body = parseJson(text);
    if (status === 200 && body?.code === 'Ok') {
      try {
        return parse(body);
      } catch (e) {
        throw new OsrmError(`OSRM answer unusable: ${(e as Error).message}`, 'protocol', false, undefined, status);
      }
    }
    if (typeof body?.code === 'string' && status < 500) {
      const message = typeof body.message === 'string' ? `: ${body.message}` : '';
      throw new OsrmError(`OSRM ${body.code}${message}`, 'osrm', false, body.code, status);
    }
    const transient = status >= 500 || status === 429 || status === 408;
    const excerpt = text.slice(0, 120).replace(/\s+/g, ' ');
    const what = status === 200 ? 'an answer that is not OSRM JSON' : `HTTP ${status}`;
    throw new OsrmError(
      `OSRM answered ${what}${excerpt ? ` (${excerpt})` : ''}`,
      status === 200 ? 'protocol' : 'http',
      transient,
      undefined,
      status,
    );
  }
}

function parseJson(text: string): { code?: unknown; message?: unknown } | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** undici hides the useful part (ECONNREFUSED, "other side closed") in `cause`. */
function describeFetchError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  // System codes (ECONNREFUSED, ENOTFOUND) say it best; undici's own codes are less readable than its message.
  const detail = cause?.code?.startsWith('E') ? cause.code : cause?.message;
  const what = err?.message === 'terminated' ? 'connection dropped in the middle of the answer' : err?.message;
  return [what ?? String(e), detail].filter(Boolean).join(': ');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
