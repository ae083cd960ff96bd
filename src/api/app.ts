/**
 * The Express app: JSON in and out, API keys and roles on every endpoint (src/auth), one router per
 * resource (routes/index.ts), one error shape.
 * `before` lets later concerns (auth, request ids) add middleware without editing this file.
 */
import express, { type Express, type RequestHandler } from 'express';
import { authenticate } from '../auth/http.ts';
import { errorHandler, notFound } from './errors.ts';
import { ROUTES } from './routes/index.ts';
import type { ApiDeps, RouteModule } from './types.ts';

export interface AppOptions {
  /** Middleware run before every route (after body parsing). */
  readonly before?: readonly RequestHandler[];
  /** Resources to mount; default: all of routes/index.ts. */
  readonly routes?: readonly RouteModule[];
}

export function createApp(deps: ApiDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Key, role and rate limit (src/auth/policy.ts), before the body is read: a refused caller costs no parsing.
  app.use(authenticate(deps));
  app.use(express.json({ limit: deps.config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  for (const mw of options.before ?? []) app.use(mw);
  for (const route of options.routes ?? ROUTES) app.use(route.mount, route.router(deps));
  app.use(notFound);
  app.use(errorHandler(deps.log, deps.config.bodyLimit));
  return app;
}
