/**
 * The API as the pages call it: every request carries the signed-in key as a Bearer token;
 * every error comes back as an ApiError with the server's code, message and field issues.
 */

export interface Issue {
  readonly path: string;
  readonly pointer: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

let key: string | null = null;
/** Called when the server says the key is not (or no longer) valid. */
let onUnauthorized: (() => void) | null = null;

export function useKey(k: string | null, whenRefused?: () => void): void {
  key = k;
  if (whenRefused) onUnauthorized = whenRefused;
}

interface Options {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly accept?: string;
  /** The key to send instead of the signed-in one (login). */
  readonly key?: string;
}

async function send(path: string, opts: Options): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
  const k = opts.key ?? key;
  if (k) headers.authorization = `Bearer ${k}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached; check the connection and try again');
  }
  if (!res.ok) {
    let error: { code?: string; message?: string; issues?: Issue[] } = {};
    try {
      error = ((await res.json()) as { error?: typeof error }).error ?? {};
    } catch {
      // Not our error shape (a proxy's page): say what we know.
    }
    if (res.status === 401 && !opts.key) onUnauthorized?.();
    const retry = res.headers.get('retry-after');
    const message = error.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(
      res.status,
      error.code ?? 'http_error',
      res.status === 429 && retry && !error.message ? `${message}; try again in ${retry} s` : message,
      error.issues ?? [],
    );
  }
  return res;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const res = await send(path, opts);
  return (await res.json()) as T;
}

/** The body as a blob (CSV, GeoJSON downloads), with the key. */
export async function apiBlob(path: string, accept: string): Promise<Blob> {
  const res = await send(path, { accept });
  return res.blob();
}

/** A readable sentence for any failure. */
export function describe(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
