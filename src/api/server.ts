/**
 * `tournee serve`: the API plus the persistence listener that records what workers report.
 * The API starts even when Redis is down (/healthz says so, POST answers 503) so that a planner
 * can still read finished plans.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { startPersistence } from '../queue/persist.ts';
import { createPlanQueue } from '../queue/planQueue.ts';
import { openStore } from '../store/index.ts';
import { createApp } from './app.ts';
import type { ApiDeps } from './types.ts';

export interface RunningServer {
  readonly url: string;
  readonly deps: ApiDeps;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const store = openStore(config.dbFile);
  const queue = createPlanQueue(config);
  const persistence = startPersistence({ store, queue, config, log });
  const deps: ApiDeps = { config, store, queue, log, persistence };
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    deps,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await persistence.close();
      await queue.close();
      store.close();
    },
  };
}
