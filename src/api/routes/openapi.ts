import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { buildOpenApi } from '../openapi.ts';
import type { RouteModule } from '../types.ts';

export const openApiRoutes: RouteModule = { mount: '/openapi.json', router: openApiRouter };

function openApiRouter(): Router {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const doc = buildOpenApi(pkg.version);
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(doc);
  });
  return router;
}
