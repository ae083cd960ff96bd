/**
 * The API as `tournee serve` runs it (store, queue, persistence listener, HTTP), started in the
 * test process on a free port against the test's own Redis and a temp data directory.
 */
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { createApiKey } from '../../src/auth/keys.ts';
import type { Role } from '../../src/auth/roles.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { tempDir } from './tempDir.ts';

export interface TestApi {
  readonly url: string;
  readonly config: Config;
  readonly server: RunningServer;
  /** An admin key, created in the store; `request` sends it unless the headers give an authorization. */
  readonly adminKey: string;
  /**
   * A request; `headers.authorization` replaces the admin key ("" sends no key at all).
   */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** A new key of that role, created in the store (drivers need their driverId). */
  createKey(role: Role, driverId?: string): string;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  readonly body: any;
}

export async function startTestApi(env: Record<string, string>): Promise<TestApi> {
  const data = tempDir('tournee-api-');
  const config = loadConfig({ TOURNEE_DATA_DIR: data.path, TOURNEE_PORT: '0', ...env });
  const server = await startServer(config, createLogger('api', true));
  await server.deps.persistence?.ready;
  const createKey = (role: Role, driverId?: string) => {
    const made = createApiKey(server.deps.store.apiKeys, { role, name: `test ${role}`, driverId });
    if (!made.ok) throw new Error(made.error);
    return made.value.key;
  };
  const adminKey = createKey('admin');
  return {
    url: server.url,
    config,
    server,
    adminKey,
    createKey,
    async request(method, path, body, headers = {}) {
      const { authorization = `Bearer ${adminKey}`, ...rest } = headers;
      const init: RequestInit = { method, headers: { ...rest, ...(authorization ? { authorization } : {}) } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${server.url}${path}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: the test will see the text.
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await server.close();
      data.remove();
    },
  };
}

/** Environment of a worker process for the tests: fast lock expiry so a killed worker's plan moves on in seconds. */
export function workerEnv(
  redisUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    TOURNEE_QUEUE_PREFIX: prefix,
    TOURNEE_LOCK_DURATION_MS: '3000',
    TOURNEE_STALLED_INTERVAL_MS: '1000',
    TOURNEE_SOLVE_MODULE: 'test/support/restartingSolve.ts',
    ...extra,
  };
}
