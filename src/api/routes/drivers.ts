/**
 * /v1/drivers/{driverId}/routes?date=YYYY-MM-DD: a driver's routes for a date (default today,
 * server time). A driver key reads only its own (`me` names it); planners and managers any.
 */
import { Router } from 'express';
import { principalOf } from '../../auth/http.ts';
import { driverRoutes } from '../../feedback/driverRoutes.ts';
import { isPlanDate } from '../../model/time.ts';
import { HttpError } from '../errors.ts';
import type { ApiDeps, RouteModule } from '../types.ts';
import { invalidQuery, textParam } from './paging.ts';

export const driversRoutes: RouteModule = { mount: '/v1/drivers', router: driversRouter };

function driversRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:driverId/routes', (req, res) => {
    const caller = principalOf(res);
    let driverId = req.params.driverId;
    if (driverId === 'me') {
      if (!caller.driverId) {
        throw new HttpError(
          400,
          'no_driver',
          `a ${caller.role} key is not a driver's: name the driver instead of "me"`,
        );
      }
      driverId = caller.driverId;
    }
    if (caller.role === 'driver' && driverId !== caller.driverId) {
      throw new HttpError(403, 'forbidden', `a driver key reads only its own routes (driver ${caller.driverId})`);
    }
    const date = textParam(req.query.date, 'date', 10) ?? today();
    if (!isPlanDate(date)) throw invalidQuery('date', 'expected a calendar date YYYY-MM-DD');
    res.json({ driverId, date, routes: driverRoutes(deps.store, driverId, date) });
  });
  return router;
}

/** Today's date where the server runs (TZ). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
