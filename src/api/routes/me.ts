/** /v1/me: who the API key belongs to (role and driver), so a client knows what to show. */
import { Router } from 'express';
import { principalOf } from '../../auth/http.ts';
import type { RouteModule } from '../types.ts';

export const meRoutes: RouteModule = { mount: '/v1/me', router: meRouter };

function meRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const { keyId, name, role, driverId } = principalOf(res);
    res.json({ keyId, name, role, driverId });
  });
  return router;
}
