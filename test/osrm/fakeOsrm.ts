/**
 * A local HTTP server that speaks OSRM v5 the way osrm-routed does (no OSRM binary can be
 * installed here): `/table/v1/{profile}/{coords}` and `/route/v1/{profile}/{coords}` with their
 * options, answers shaped like OSRM's (`code`, `durations`, `distances`, `sources`,
 * `destinations` with `hint`/`distance`/`name`/`location`, `routes[].geometry`, `legs`,
 * `waypoints`), every error as HTTP 400 with `code` and `message` (InvalidUrl, InvalidService,
 * InvalidVersion, InvalidQuery, InvalidOptions, TooBig, NoRoute), and faults on demand: 5xx, slow
 * answers, connections reset before the answer or dropped in the middle of the body.
 *
 * The "road network" is deterministic: a Manhattan walk between snapped points (east-bound legs
 * 3 % longer, like one-way streets), so any block of a matrix must equal the same cells asked
 * for in one piece. Points for which `island(p)` holds form a separate component: no route
 * between them and the rest (null in tables, NoRoute for routes).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset' }
  | { kind: 'drop' }
  | { kind: 'code'; code: string; message: string }
  | { kind: 'html' };

export interface FakeOsrmOptions {
  /** --max-table-size: sources × destinations may not exceed its square. */
  maxTableSize?: number;
  /** --max-viaroute-size. */
  maxRouteSize?: number;
  /** Average speed of this server's profile, m/s. */
  speed?: number;
  island?: (lon: number, lat: number) => boolean;
}

export interface SeenRequest {
  readonly service: string;
  readonly url: string;
  readonly coordinates: number;
  readonly cells: number;
}

export interface FakeOsrm {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Consumed one per request, in order. */
  readonly faults: Fault[];
  /** Applied to every request while set. */
  always: Fault | null;
  close(): Promise<void>;
}

type LonLat = [number, number];

/** Snapping moves a point about 1.1 m north onto "the road". */
const SNAP_DLAT = 0.00001;

export async function startFakeOsrm(options: FakeOsrmOptions = {}): Promise<FakeOsrm> {
  const maxTable = options.maxTableSize ?? 100;
  const maxRoute = options.maxRouteSize ?? 500;
  const speed = options.speed ?? 8;
  const island = options.island ?? (() => false);
  const state = { requests: [] as SeenRequest[], faults: [] as Fault[], always: null as Fault | null };

  const server = http.createServer((req, res) => {
    const fault = state.faults.shift() ?? state.always;
    const answer = () => respond(req.url ?? '/', res);
    if (!fault) return answer();
    switch (fault.kind) {
      case 'status':
        return send(res, fault.status, fault.body ?? '<html><body>502 Bad Gateway</body></html>', 'text/html');
      case 'slow':
        return void setTimeout(answer, fault.ms);
      case 'reset':
        return void req.socket.destroy();
      case 'drop': {
        const body = JSON.stringify(compute(req.url ?? '/').body);
        res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': body.length });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        return void setTimeout(() => req.socket.destroy(), 5);
      }
      case 'code':
        return send(res, 400, JSON.stringify({ code: fault.code, message: fault.message }));
      case 'html':
        return send(res, 200, '<html>maintenance</html>', 'text/html');
    }
  });

  function respond(url: string, res: http.ServerResponse) {
    const { status, body } = compute(url);
    send(res, status, JSON.stringify(body));
  }

  function compute(url: string): { status: number; body: unknown } {
    const error = (code: string, message: string) => ({ status: 400, body: { code, message } });
    const [path, query = ''] = url.split('?');
    const m = /^\/([a-z]+)\/(v\d+)\/([A-Za-z0-9_-]+)\/([^/]*?)(\.json)?$/.exec(path);
    if (!m) {
      const at = Math.min(path.length, 1);
      return error('InvalidUrl', `URL string malformed close to position ${at}: "${url.slice(0, at + 3)}"`);
    }
    const [, service, version, , coordText] = m;
    if (service !== 'table' && service !== 'route') return error('InvalidService', `Service ${service} not found!`);
    if (version !== 'v1') return error('InvalidVersion', `Service ${service} not found!`);
    const prefix = path.length + 1;
    const coords: LonLat[] = [];
    for (const pair of decodeURIComponent(coordText).split(';')) {
      const c = pair.split(',').map(Number);
      if (c.length !== 2 || c.some((x) => !Number.isFinite(x))) {
        return error('InvalidQuery', `Query string malformed close to position ${prefix - coordText.length}`);
      }
      coords.push([c[0], c[1]]);
    }
    if (coords.some(([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90)) {
      return error('InvalidOptions', 'Coordinates are invalid');
    }
    const params = new Map<string, string>();
    for (const part of query ? query.split('&') : []) {
      const [k, v = ''] = part.split('=');
      if (!ALLOWED[service].has(k)) return error('InvalidQuery', `Query string malformed close to position ${prefix}`);
      params.set(k, decodeURIComponent(v));
    }
    const hints = params.get('generate_hints') !== 'false';
    if (service === 'table') return table(url, coords, params, hints);
    return route(url, coords, params, hints);
  }

  function table(url: string, coords: LonLat[], params: Map<string, string>, hints: boolean) {
    const indices = (name: string): number[] | null => {
      const v = params.get(name);
      if (v === undefined || v === 'all') return coords.map((_, i) => i);
      const list = v.split(';').map(Number);
      return list.every((i) => Number.isInteger(i) && i >= 0 && i < coords.length) ? list : null;
    };
    const sources = indices('sources');
    const destinations = indices('destinations');
    const annotations = (params.get('annotations') ?? 'duration').split(',');
    if (!sources || !destinations || annotations.some((a) => a !== 'duration' && a !== 'distance')) {
      return { status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed close to position 0' } };
    }
    if (coords.length < 2) {
      return {
        status: 400,
        body: { code: 'InvalidOptions', message: 'Number of coordinates needs to be at least two.' },
      };
    }
    state.requests.push({
      service: 'table',
      url,
      coordinates: coords.length,
      cells: sources.length * destinations.length,
    });
    if (sources.length * destinations.length > maxTable * maxTable) {
      return { status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } };
    }
    const snapped = coords.map(snap);
    const durations = sources.map((i) => destinations.map((j) => road(snapped[i], snapped[j], 'duration')));
    const distances = sources.map((i) => destinations.map((j) => road(snapped[i], snapped[j], 'distance')));
    const body: Record<string, unknown> = {
      code: 'Ok',
      sources: sources.map((i) => waypoint(coords[i], hints)),
      destinations: destinations.map((j) => waypoint(coords[j], hints)),
    };
    if (annotations.includes('duration')) body.durations = durations;
    if (annotations.includes('distance')) body.distances = distances;
    return { status: 200, body };
  }

  function route(url: string, coords: LonLat[], params: Map<string, string>, hints: boolean) {
    state.requests.push({ service: 'route', url, coordinates: coords.length, cells: 0 });
    if (coords.length < 2) {
      return {
        status: 400,
        body: { code: 'InvalidOptions', message: 'Number of coordinates needs to be at least two.' },
      };
    }
    if (coords.length > maxRoute) {
      return {
        status: 400,
        body: {
          code: 'TooBig',
          message: `Number of entries ${coords.length} is higher than current maximum (${maxRoute})`,
        },
      };
    }
    const snapped = coords.map(snap);
    const component = island(coords[0][0], coords[0][1]);
    if (coords.some(([lon, lat]) => island(lon, lat) !== component)) {
      return { status: 400, body: { code: 'NoRoute', message: 'Impossible route between points' } };
    }
    const line: LonLat[] = [snapped[0]];
    const legs: { steps: never[]; summary: string; weight: number; duration: number; distance: number }[] = [];
    for (let k = 1; k < snapped.length; k++) {
      const [a, b] = [snapped[k - 1], snapped[k]];
      const corner: LonLat = [b[0], a[1]];
      for (const p of [corner, b]) {
        const last = line[line.length - 1];
        if (p[0] !== last[0] || p[1] !== last[1]) line.push(p);
      }
      const distance = road(a, b, 'distance') ?? 0;
      const duration = road(a, b, 'duration') ?? 0;
      legs.push({ steps: [], summary: '', weight: duration, duration, distance });
    }
    // A route with every waypoint on one spot still has a two-position line in OSRM.
    if (line.length === 1) line.push(line[0]);
    const sum = (k: 'distance' | 'duration') => Math.round(legs.reduce((s, l) => s + l[k], 0) * 10) / 10;
    const geometries = params.get('geometries') ?? 'polyline';
    if (geometries !== 'geojson') throw new Error('the fake server only renders geometries=geojson');
    return {
      status: 200,
      body: {
        code: 'Ok',
        routes: [
          {
            geometry: { coordinates: line, type: 'LineString' },
            legs,
            weight_name: 'routability',
            weight: sum('duration'),
            duration: sum('duration'),
            distance: sum('distance'),
          },
        ],
        waypoints: coords.map((c) => waypoint(c, hints)),
      },
    };
  }

  const road = (a: LonLat, b: LonLat, what: 'distance' | 'duration') => roadBetween(a, b, what, speed, island);

  const url = await new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return {
    url,
    requests: state.requests,
    faults: state.faults,
    get always() {
      return state.always;
    },
    set always(f: Fault | null) {
      state.always = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ALLOWED: Record<string, Set<string>> = {
  table: new Set([
    'sources',
    'destinations',
    'annotations',
    'generate_hints',
    'fallback_speed',
    'fallback_coordinate',
    'scale_factor',
    'radiuses',
    'bearings',
    'hints',
    'approaches',
    'exclude',
    'snapping',
    'skip_waypoints',
  ]),
  route: new Set([
    'alternatives',
    'steps',
    'annotations',
    'geometries',
    'overview',
    'continue_straight',
    'generate_hints',
    'radiuses',
    'bearings',
    'hints',
    'approaches',
    'exclude',
    'snapping',
    'skip_waypoints',
    'waypoints',
  ]),
};

/** What the fake server answers between two *snapped* points: metres or seconds, null without a road. */
function roadBetween(
  a: LonLat,
  b: LonLat,
  what: 'distance' | 'duration',
  speed: number,
  island: (lon: number, lat: number) => boolean,
): number | null {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  if (island(a[0], a[1] - SNAP_DLAT) !== island(b[0], b[1] - SNAP_DLAT)) return null;
  const meanLat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  const dx = Math.abs(b[0] - a[0]) * 111_320 * Math.cos(meanLat);
  const dy = Math.abs(b[1] - a[1]) * 110_574;
  const metres = (dx + dy) * (b[0] > a[0] ? 1.03 : 1);
  const value = what === 'distance' ? metres : metres / speed;
  return Math.round(value * 10) / 10;
}

/** The fake network's travel between two request points, for checking plans independently. */
export function fakeTravel(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
  speed = 8,
): { metres: number; seconds: number } {
  const [p, q] = [snap([a.lon, a.lat]), snap([b.lon, b.lat])];
  const metres = roadBetween(p, q, 'distance', speed, () => false) ?? Number.NaN;
  const seconds = roadBetween(p, q, 'duration', speed, () => false) ?? Number.NaN;
  return { metres, seconds };
}

function snap([lon, lat]: LonLat): LonLat {
  return [round6(lon), round6(lat + SNAP_DLAT)];
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function waypoint(c: LonLat, hint: boolean) {
  const location = snap(c);
  const w: Record<string, unknown> = {
    distance: Math.round(SNAP_DLAT * 110_574 * 1e6) / 1e6,
    name: `Rue ${Math.abs(Math.round(c[0] * 1000))}`,
    location,
  };
  return hint ? { hint: Buffer.from(`${location.join(',')}`).toString('base64'), ...w } : w;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=UTF-8') {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
