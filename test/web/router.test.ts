/**
 * The web router on its own, over HTTP: the app's files are public and hold no data, the client
 * TypeScript comes out as JavaScript with Leaflet's import pointing at the copy served from
 * node_modules, nothing outside the client folder can be read through it, and the data stays
 * behind the API keys.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import type { ApiDeps } from '../../src/api/types.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import { tileOrigin, webConfigFromEnv } from '../../src/web/config.ts';
import { webRouter } from '../../src/web/router.ts';
import { tempDir } from '../support/tempDir.ts';

const data = tempDir('tournee-web-router-');
let server: Server;
let base: string;
let deps: ApiDeps;

beforeAll(async () => {
  const config = loadConfig({ TOURNEE_DATA_DIR: data.path, TOURNEE_PORT: '0' });
  // The routes under test never touch the queue: it is left out.
  deps = { config, store: openStore(config.dbFile), queue: undefined as never, log: createLogger('web', true) };
  const app = createApp(deps);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  deps.store.close();
  data.remove();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers, redirect: 'manual' });

describe('web router', () => {
  it('serves the page without a key, with a policy that allows only its own scripts', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    expect((await get('/app')).headers.get('location')).toBe('/app/');
    const page = await get('/app/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(await page.text()).toContain('<script type="module" src="/app/js/main.ts"></script>');
    expect((await get('/app/app.css')).status).toBe(200);
    expect((await get('/app/index.html')).headers.get('content-security-policy')).toBe(csp);
  });

  it('serves the client TypeScript as JavaScript, with Leaflet from node_modules', async () => {
    const map = await get('/app/js/map.ts');
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await map.text();
    expect(code).toContain('from "/app/vendor/leaflet/leaflet-src.esm.js"');
    expect(code).not.toMatch(/\binterface\b|: TileConfig/);
    const leaflet = await get('/app/vendor/leaflet/leaflet-src.esm.js');
    expect(leaflet.status).toBe(200);
    expect(await leaflet.text()).toContain('var version = "1.9.4"');
    expect((await get('/app/vendor/leaflet/leaflet.css')).status).toBe(200);
    expect((await get('/app/js/pages/driver.ts')).status).toBe(200);
  });

  it('reads nothing outside the client folder, and unknown files are 404 like any unknown route', async () => {
    for (const path of [
      '/app/js/../router.ts',
      '/app/js/%2e%2e/router.ts',
      '/app/js/..%2frouter.ts',
      '/app/js/%2e%2e%2f%2e%2e%2fconfig.ts',
      '/app/js/nope.ts',
      '/app/js/tsconfig.json',
      '/app/vendor/leaflet/../../package.json',
      '/app/vendor/leaflet/%2e%2e%2f%2e%2e%2fpackage.json',
      '/app/../package.json',
    ]) {
      const res = await get(path);
      expect([401, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toMatch(/"dependencies"|import |export /);
    }
  });

  it('the data stays behind the keys: the API still answers 401 without one', async () => {
    expect((await get('/v1/plans')).status).toBe(401);
    expect((await get('/v1/ledger')).status).toBe(401);
    expect((await get('/app/sample-day.json')).status).toBe(200);
  });

  it('takes the tile server from the environment, and allows its images and nothing more', async () => {
    expect(webConfigFromEnv({})).toEqual({ tileUrl: null, tileAttribution: null, tileMaxZoom: 19, tileOrigin: null });
    const config = webConfigFromEnv({
      TOURNEE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      TOURNEE_TILE_ATTRIBUTION: '© example contributors',
      TOURNEE_TILE_MAX_ZOOM: '17',
    });
    expect(config).toMatchObject({ tileMaxZoom: 17, tileOrigin: 'https://*.tiles.example.org' });
    expect(() => tileOrigin('https://tiles.example.org/map.png')).toThrow(/needs \{z\}, \{x\} and \{y\}/);
    expect(() => webConfigFromEnv({ TOURNEE_TILE_MAX_ZOOM: 'lots' })).toThrow(/TOURNEE_TILE_MAX_ZOOM/);

    const app = express().use(webRouter(deps, config));
    const s = await new Promise<Server>((resolve) => {
      const x = app.listen(0, '127.0.0.1', () => resolve(x));
    });
    try {
      const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      const page = await fetch(`${url}/app/`);
      expect(page.headers.get('content-security-policy')).toContain(
        "img-src 'self' data: blob: https://*.tiles.example.org;",
      );
      expect(await (await fetch(`${url}/app/config.json`)).json()).toMatchObject({
        tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
        tileAttribution: '© example contributors',
      });
    } finally {
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });
});
