/**
 * The whole spine for integration tests: a real Redis (child process), the API in this process,
 * and real worker processes started on demand. Each stack has its own queue prefix and data dir.
 */
import { randomUUID } from 'node:crypto';
import { startTestApi, type TestApi, workerEnv } from './api.ts';
import { startTournee, type TournProcess } from './processes.ts';
import { startRedis, type TestRedis } from './redis.ts';

export interface StartedApi {
  readonly redis: TestRedis;
  readonly api: TestApi;
  readonly prefix: string;
  /** Starts a `tournee worker` process against this stack and waits until it takes jobs. */
  startWorker(extraEnv?: Record<string, string>): Promise<TournProcess>;
  close(): Promise<void>;
}

export async function startApiWithRedis(apiEnv: Record<string, string> = {}): Promise<StartedApi> {
  const redis = await startRedis();
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const api = await startTestApi({ REDIS_URL: redis.url, TOURNEE_QUEUE_PREFIX: prefix, ...apiEnv });
  const workers: TournProcess[] = [];
  return {
    redis,
    api,
    prefix,
    async startWorker(extraEnv = {}) {
      const w = startTournee(['worker'], workerEnv(redis.url, prefix, extraEnv));
      workers.push(w);
      await w.waitFor(/ready for plans/, 30_000);
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
      await api.close();
      await redis.destroy();
    },
  };
}
