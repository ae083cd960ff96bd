/** /healthz: really pings Redis and really queries SQLite; 503 says which one failed. */
import { Router } from 'express';
import { errorMessage } from '../../log.ts';
import type { ApiDeps, RouteModule } from '../types.ts';

export const healthRoutes: RouteModule = { mount: '/healthz', router: healthRouter };

interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

async function check(fn: () => unknown): Promise<Check> {
  const t0 = performance.now();
  try {
    await fn();
    return { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - t0), error: errorMessage(e) };
  }
}

function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [redis, store] = await Promise.all([check(() => deps.queue.ping(1000)), check(() => deps.store.ping())]);
    const failed = Object.entries({ redis, store }).filter(([, c]) => !c.ok);
    if (failed.length === 0) {
      res.json({ status: 'ok', checks: { redis, store } });
      return;
    }
    const message = failed.map(([name, c]) => `${name}: ${c.error}`).join('; ');
    res.status(503).json({ status: 'unhealthy', checks: { redis, store }, error: { code: 'unhealthy', message } });
  });
  return router;
}
