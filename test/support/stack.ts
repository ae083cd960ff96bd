/**
 * The whole spine for integration tests: a real Redis (child process), the API in this process,
 * and real worker processes started on demand. Each stack has its own queue prefix and data dir.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { QUEUE_NAME } from '../../src/queue/jobs.ts';
import { startTestApi, type TestApi, workerEnv } from './api.ts';
import { startTournee, type TournProcess, waitUntil } from './processes.ts';
import { startRedis, type TestRedis } from './redis.ts';

export interface StartedApi {
  readonly redis: TestRedis;
  readonly api: TestApi;
  readonly prefix: string;
  /** The plans queue of this stack, to look at jobs directly. */
  readonly queue: Queue;
  /** Starts a `tournee worker` process against this stack and waits until it takes jobs. */
  startWorker(extraEnv?: Record<string, string>): Promise<TournProcess>;
  /** GET /v1/plans/{id}: the plan's status body. */
  status(id: string): Promise<PlanStatusBody>;
  /** POST /v1/plans; fails the test unless the plan is accepted (202). Returns its id. */
  submit(body: unknown): Promise<string>;
  /** Waits until the plan is succeeded, failed or cancelled, and returns its status body. */
  finished(id: string, timeoutMs?: number, pollMs?: number): Promise<PlanStatusBody>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON as the tests read it
type PlanStatusBody = any;

const FINAL = ['succeeded', 'failed', 'cancelled'];

export async function startApiWithRedis(apiEnv: Record<string, string> = {}): Promise<StartedApi> {
  const redis = await startRedis();
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const api = await startTestApi({ REDIS_URL: redis.url, TOURNEE_QUEUE_PREFIX: prefix, ...apiEnv });
  const workers: TournProcess[] = [];
  const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url }, prefix });
  const status = async (id: string): Promise<PlanStatusBody> => (await api.request('GET', `/v1/plans/${id}`)).body;
  return {
    redis,
    api,
    prefix,
    queue,
    async startWorker(extraEnv = {}) {
      const w = startTournee(['worker'], workerEnv(redis.url, prefix, extraEnv));
      workers.push(w);
      await w.waitFor(/ready for plans/, 30_000);
      return w;
    },
    status,
    async submit(body) {
      const res = await api.request('POST', '/v1/plans', body);
      if (res.status !== 202) throw new Error(`plan not accepted: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    finished(id, timeoutMs = 60_000, pollMs = 100) {
      return waitUntil(
        `plan ${id} to finish`,
        async () => {
          const s = await status(id);
          return FINAL.includes(s.status) ? s : null;
        },
        timeoutMs,
        pollMs,
      );
    },
    async close() {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
      await queue.close();
      await api.close();
      await redis.destroy();
    },
  };
}
