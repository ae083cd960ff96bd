/**
 * Every resource of the API, mounted in this order by createApp. A new resource (ledger,
 * drivers, feedback…) is one file in this folder and one line here.
 */
import { webRoutes } from '../../web/router.ts';
import type { RouteModule } from '../types.ts';
import { constraintsRoutes } from './constraints.ts';
import { driversRoutes } from './drivers.ts';
import { feedbackRoutes } from './feedback.ts';
import { healthRoutes } from './health.ts';
import { ledgerRoutes } from './ledger.ts';
import { meRoutes } from './me.ts';
import { openApiRoutes } from './openapi.ts';
import { planInputsRoutes } from './planInputs.ts';
import { plansRoutes } from './plans.ts';
import { routesGeojsonRoutes } from './routesGeojson.ts';

export const ROUTES: readonly RouteModule[] = [
  healthRoutes,
  openApiRoutes,
  plansRoutes,
  routesGeojsonRoutes,
  ledgerRoutes,
  meRoutes,
  planInputsRoutes,
  driversRoutes,
  feedbackRoutes,
  constraintsRoutes,
  webRoutes,
];
