/**
 * What the web app needs from the environment. The map works with no internet: without a tile
 * server the routes and stops are drawn over a plain background. With one, tiles come from it.
 *
 * | variable                    | default | meaning                                                        |
 * |-----------------------------|---------|----------------------------------------------------------------|
 * | TOURNEE_TILE_URL            | (none)  | XYZ tile template, e.g. https://tile.example.org/{z}/{x}/{y}.png |
 * | TOURNEE_TILE_ATTRIBUTION    | (none)  | attribution shown on the map (required by most tile servers)   |
 * | TOURNEE_TILE_MAX_ZOOM       | 19      | highest zoom the tile server has                               |
 */

export interface WebConfig {
  readonly tileUrl: string | null;
  readonly tileAttribution: string | null;
  readonly tileMaxZoom: number;
  /** Origin(s) the page may load tile images from (Content-Security-Policy img-src), or null. */
  readonly tileOrigin: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

export function webConfigFromEnv(env: Env): WebConfig {
  const raw = env.TOURNEE_TILE_URL?.trim() || null;
  const maxZoomText = env.TOURNEE_TILE_MAX_ZOOM?.trim();
  const tileMaxZoom = maxZoomText ? Number(maxZoomText) : 19;
  if (!Number.isInteger(tileMaxZoom) || tileMaxZoom < 1 || tileMaxZoom > 24) {
    throw new RangeError(`TOURNEE_TILE_MAX_ZOOM=${maxZoomText}: expected a whole number from 1 to 24`);
  }
  return {
    tileUrl: raw,
    tileAttribution: env.TOURNEE_TILE_ATTRIBUTION?.trim() || null,
    tileMaxZoom,
    tileOrigin: raw ? tileOrigin(raw) : null,
  };
}

/** "https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org". */
export function tileOrigin(template: string): string {
  if (!/\{z\}/.test(template) || !/\{x\}/.test(template) || !/\{y\}/.test(template)) {
    throw new RangeError(`TOURNEE_TILE_URL=${template}: a tile template needs {z}, {x} and {y}`);
  }
  const m = /^(https?):\/\/([^/]+)\//.exec(template);
  if (!m) throw new RangeError(`TOURNEE_TILE_URL=${template}: expected an http(s) URL`);
  const host = m[2]!.replace(/\{s\}/g, '*');
  if (/[{}]/.test(host)) throw new RangeError(`TOURNEE_TILE_URL=${template}: only {s} may appear in the host`);
  return `${m[1]}://${host}`;
}
