/**
 * The web app for planners, drivers and managers, served by the API's own Express server under
 * /app/ (GET / redirects there). Everything it serves is public and holds no data: the pages ask
 * for an API key and call the API with it, so the server's role checks (src/auth/policy.ts) stay
 * the one gate for data. What is served:
 *   /app/                      index.html (the single page; the hash picks the view)
 *   /app/app.css               styles
 *   /app/js/<name>.ts          client modules, transpiled on request (transpile.ts)
 *   /app/vendor/leaflet/…      Leaflet from node_modules, so the map needs no internet
 *   /app/config.json           the tile URL, when one is configured (config.ts)
 *   /app/sample-day.json       the Lyon sample day, to try the planner page
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Response, Router } from 'express';
import type { ApiDeps, RouteModule } from '../api/types.ts';
import { type WebConfig, webConfigFromEnv } from './config.ts';
import { ClientTranspiler } from './transpile.ts';

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const CLIENT_DIR = path.join(HERE, 'client');
const STATIC_DIR = path.join(HERE, 'static');
const LEAFLET_DIR = path.join(ROOT, 'node_modules/leaflet/dist');
const SAMPLE_DAY = path.join(ROOT, 'datasets/sample-day.json');

export const LEAFLET_URL = '/app/vendor/leaflet/leaflet-src.esm.js';

/** Client module names: a path of lower-case words, no dots except the .ts extension. */
const CLIENT_FILE = /^[a-z][a-zA-Z0-9]*(\/[a-z][a-zA-Z0-9]*)?\.ts$/;

export const webRoutes: RouteModule = { mount: '/', router: (deps) => webRouter(deps) };

export function webRouter(_deps: ApiDeps, config: WebConfig = webConfigFromEnv(process.env)): Router {
  // Strict: "/app" (redirected) and "/app/" (the page) are different paths.
  const router = Router({ strict: true });
  const transpiler = new ClientTranspiler({ leaflet: LEAFLET_URL });
  const csp = contentSecurityPolicy(config);

  router.get('/', (_req, res) => res.redirect(302, '/app/'));
  router.get('/app', (_req, res) => res.redirect(301, '/app/'));

  router.get('/app/', (_req, res) => {
    secure(res, csp);
    res.set('Cache-Control', 'no-cache').sendFile(path.join(STATIC_DIR, 'index.html'));
  });

  router.get('/app/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(config);
  });

  router.get('/app/sample-day.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/json').sendFile(SAMPLE_DAY);
  });

  router.get(/^\/app\/js\/(.+)$/, async (req, res, next) => {
    const name = (req.params as Record<string, string>)[0] ?? '';
    const file = path.join(CLIENT_DIR, name);
    if (!CLIENT_FILE.test(name) || !existsSync(file)) return next();
    try {
      const code = await transpiler.load(file);
      res.set('Cache-Control', 'no-cache').type('text/javascript; charset=utf-8').send(code);
    } catch (e) {
      // A syntax error in a client file is our fault, but the page should say where it is.
      _deps.log.error('web client module failed to transpile', { file: name, error: (e as Error).message });
      res
        .status(500)
        .type('text/javascript; charset=utf-8')
        .send(`throw new Error(${JSON.stringify(`${name} failed to compile; see the server log`)});`);
    }
  });

  const staticOptions = { index: false, fallthrough: true, maxAge: '1h', dotfiles: 'deny' as const };
  router.use('/app/vendor/leaflet', express.static(LEAFLET_DIR, staticOptions));
  router.use(
    '/app',
    express.static(STATIC_DIR, {
      ...staticOptions,
      maxAge: 0,
      // /app/index.html is the same page as /app/: the same policy.
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) secure(res as unknown as Response, csp);
      },
    }),
  );
  return router;
}

/** Pages load only this server's scripts and styles; images may come from the configured tile server. */
function contentSecurityPolicy(config: WebConfig): string {
  const tiles = config.tileOrigin ? ` ${config.tileOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet positions its panes with style attributes set from script.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function secure(res: Response, csp: string): void {
  res.set({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}
