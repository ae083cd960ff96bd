/**
 * OSRM v5 HTTP API, as osrm-routed speaks it (docs/http.md of Project-OSRM/osrm-backend):
 * every answer is JSON with a `code`; "Ok" comes with HTTP 200, every error code with HTTP 400
 * (and `message`); a server crash is a bare 500. Only the fields tournee reads are typed here,
 * and every answer is checked before use: a proxy's HTML page or a truncated body must become a
 * clear error, never a NaN in a matrix.
 */

/** [longitude, latitude], as OSRM writes locations. */
export type LonLat = [number, number];

export interface Waypoint {
  readonly hint?: string;
  /** Metres between the input coordinate and where it snapped onto the road network. */
  readonly distance: number;
  readonly name: string;
  readonly location: LonLat;
}

export interface TableAnswer {
  readonly code: 'Ok';
  /** durations[i][j] seconds from sources[i] to destinations[j]; null when no route exists. */
  readonly durations: (number | null)[][];
  /** Metres, same shape. */
  readonly distances: (number | null)[][];
  readonly sources: Waypoint[];
  readonly destinations: Waypoint[];
}

export interface RouteLeg {
  readonly distance: number;
  readonly duration: number;
}

export interface RouteAnswer {
  readonly code: 'Ok';
  readonly routes: {
    readonly distance: number;
    readonly duration: number;
    readonly geometry: { readonly type: 'LineString'; readonly coordinates: LonLat[] };
    readonly legs: RouteLeg[];
  }[];
  readonly waypoints: Waypoint[];
}

/** Error codes of the v5 API (general ones, then service-specific: NoRoute, NoTable, ...). */
export type OsrmErrorCode =
  | 'InvalidUrl'
  | 'InvalidService'
  | 'InvalidVersion'
  | 'InvalidOptions'
  | 'InvalidQuery'
  | 'InvalidValue'
  | 'NoSegment'
  | 'TooBig'
  | 'NoRoute'
  | 'NoTable'
  | 'NotImplemented'
  | (string & {});

/** Throws a readable message when `body` is not a table answer of `rows` × `cols`. */
export function checkTable(body: unknown, rows: number, cols: number): TableAnswer {
  const b = body as Partial<TableAnswer> | null;
  if (!b || typeof b !== 'object') throw new Error('table answer is not a JSON object');
  if (!Array.isArray(b.durations)) throw new Error('table answer has no durations');
  if (!Array.isArray(b.distances)) {
    throw new Error('table answer has no distances (annotations=duration,distance needs OSRM 5.18 or newer)');
  }
  checkGrid('durations', b.durations, rows, cols);
  checkGrid('distances', b.distances, rows, cols);
  checkWaypoints('sources', b.sources, rows);
  checkWaypoints('destinations', b.destinations, cols);
  return b as TableAnswer;
}

export function checkRoute(body: unknown, waypoints: number): RouteAnswer {
  const b = body as Partial<RouteAnswer> | null;
  if (!b || typeof b !== 'object') throw new Error('route answer is not a JSON object');
  const route = Array.isArray(b.routes) ? b.routes[0] : undefined;
  if (!route) throw new Error('route answer has no route');
  const g = route.geometry;
  if (g?.type !== 'LineString' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
    throw new Error('route answer has no GeoJSON LineString geometry (geometries=geojson, overview=full)');
  }
  g.coordinates.forEach((c, i) => {
    if (!isLonLat(c)) throw new Error(`route geometry position ${i} is not [lon, lat]`);
  });
  if (!Array.isArray(route.legs) || route.legs.length !== waypoints - 1) {
    throw new Error(`route answer has ${route.legs?.length ?? 'no'} legs for ${waypoints} waypoints`);
  }
  checkWaypoints('waypoints', b.waypoints, waypoints);
  return b as RouteAnswer;
}

function checkGrid(name: string, grid: unknown[], rows: number, cols: number): void {
  if (grid.length !== rows) throw new Error(`table ${name} has ${grid.length} rows, expected ${rows}`);
  grid.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new Error(`table ${name} row ${i} has ${Array.isArray(row) ? row.length : 'no'} cells, expected ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new Error(`table ${name}[${i}][${j}] is ${JSON.stringify(v)}, expected a non-negative number or null`);
      }
    }
  });
}

function checkWaypoints(name: string, list: unknown, count: number): void {
  if (!Array.isArray(list) || list.length !== count) {
    throw new Error(`answer has ${Array.isArray(list) ? list.length : 'no'} ${name}, expected ${count}`);
  }
  list.forEach((w, i) => {
    if (!w || typeof w !== 'object' || !isLonLat((w as Waypoint).location)) {
      throw new Error(`${name}[${i}] has no location`);
    }
  });
}

function isLonLat(c: unknown): c is LonLat {
  return (
    Array.isArray(c) &&
    c.length >= 2 &&
    typeof c[0] === 'number' &&
    typeof c[1] === 'number' &&
    Number.isFinite(c[0]) &&
    Number.isFinite(c[1])
  );
}
