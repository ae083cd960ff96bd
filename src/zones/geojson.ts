/**
 * GeoJSON Polygon / MultiPolygon geometry of a zone (RFC 7946), checked well enough that point-in-
 * polygon answers mean something: positions are [lon, lat] in range, every ring is closed, has an
 * area and does not cross itself, and holes lie inside their outer ring without crossing it.
 * Orientation is not enforced (RFC 7946 asks parsers not to reject the other winding).
 *
 * Each problem is reported at its JSON path, e.g. zones[0].geometry.coordinates[1][0] for the
 * outer ring of a multipolygon's second polygon. Self-intersection checks use a uniform grid, so a
 * city boundary with tens of thousands of vertices is checked in milliseconds, not O(n²).
 */
import { z } from 'zod';

/** Vertices in one zone, all rings together: a detailed city boundary has a few thousand. */
export const MAX_ZONE_POSITIONS = 100_000;

const lon = z.number().finite().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180');
const lat = z.number().finite().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90');
/** [longitude, latitude] or [longitude, latitude, altitude]. */
const Position = z
  .tuple([lon, lat], z.number().finite(), { error: 'expected a position [longitude, latitude]' })
  .refine((p) => p.length <= 3, 'a position is [longitude, latitude] or [longitude, latitude, altitude]');

type Pos = readonly number[];
type Ctx = z.core.$RefinementCtx<Pos[][]>;

const Ring = z
  .array(Position)
  .min(4, 'a linear ring needs at least 4 positions, the last equal to the first')
  .max(MAX_ZONE_POSITIONS);

const PolygonRings = z
  .array(Ring)
  .min(1, 'a polygon needs an outer ring')
  .max(1000)
  .superRefine((rings, ctx) => checkPolygon(rings, ctx, []));

export const ZoneGeometry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonRings }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonRings).min(1).max(1000) }),
  ])
  .superRefine((g, ctx) => {
    const count =
      g.type === 'Polygon'
        ? g.coordinates.reduce((s, r) => s + r.length, 0)
        : g.coordinates.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
    if (count > MAX_ZONE_POSITIONS) {
      ctx.addIssue({
        code: 'custom',
        path: ['coordinates'],
        message: `${count} positions: at most ${MAX_ZONE_POSITIONS} per zone (simplify the boundary)`,
      });
    }
  })
  .describe('GeoJSON Polygon or MultiPolygon, [longitude, latitude] positions (RFC 7946); holes allowed');

export type ZoneGeometry = z.output<typeof ZoneGeometry>;

function checkPolygon(rings: Pos[][], ctx: Ctx, base: (string | number)[]): void {
  const usable: boolean[] = rings.map((ring, r) =>
    checkRing(ring, ctx, [...base, r], r === 0 ? 'outer ring' : `hole ${r}`),
  );
  if (!usable.every(Boolean)) return;
  const crossing = firstCrossing(rings);
  if (crossing) {
    const [a, b] = crossing.rings;
    const name = (r: number) => (r === 0 ? 'the outer ring' : `hole ${r}`);
    const where = `near [${crossing.at.map((x) => +x.toFixed(6)).join(', ')}]`;
    const message = a === b ? `${name(a)} crosses itself ${where}` : `${name(b)} crosses ${name(a)} ${where}`;
    ctx.addIssue({ code: 'custom', path: [...base, b], message });
    return;
  }
  for (let r = 1; r < rings.length; r++) {
    const inside = rings[r].find((p) => !onRing(p, rings[0]));
    if (inside && !inRing(inside, rings[0])) {
      ctx.addIssue({ code: 'custom', path: [...base, r], message: `hole ${r} lies outside the outer ring` });
    }
  }
}

/** Closed and with an area; false when the ring is too broken for the topology checks. */
function checkRing(ring: Pos[], ctx: Ctx, path: (string | number)[], name: string): boolean {
  if (ring.length < 4) return false; // reported by the ring's own schema
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, ring.length - 1],
      message: `${name} is not closed: the last position [${last.slice(0, 2).join(', ')}] must equal the first [${first.slice(0, 2).join(', ')}]`,
    });
    return false;
  }
  if (collinear(ring)) {
    ctx.addIssue({ code: 'custom', path, message: `${name} has no area (its positions are all on one line)` });
    return false;
  }
  return true;
}

function collinear(ring: Pos[]): boolean {
  const a = ring[0];
  const b = ring.find((p) => p[0] !== a[0] || p[1] !== a[1]);
  return !b || ring.every((p) => orient(a, b, p) === 0);
}

/** Even-odd point in ring (planar lon/lat, as GeoJSON is read). */
export function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onRing(p: Pos, ring: Pos[]): boolean {
  for (let i = 0; i + 1 < ring.length; i++) {
    if (orient(ring[i], ring[i + 1], p) === 0 && within(ring[i], ring[i + 1], p)) return true;
  }
  return false;
}

interface Segment {
  readonly ring: number;
  readonly index: number;
  readonly a: Pos;
  readonly b: Pos;
}

/**
 * The first pair of segments that cross or overlap, or null. Segments that only touch at a shared
 * vertex (consecutive segments, or rings touching at one point) are allowed.
 */
function firstCrossing(rings: Pos[][]): { rings: [number, number]; at: Pos } | null {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) {
      if (ring[i][0] !== ring[i + 1][0] || ring[i][1] !== ring[i + 1][1]) {
        segments.push({ ring: r, index: i, a: ring[i], b: ring[i + 1] });
      }
    }
  });
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let length = 0;
  for (const s of segments) {
    minX = Math.min(minX, s.a[0], s.b[0]);
    maxX = Math.max(maxX, s.a[0], s.b[0]);
    minY = Math.min(minY, s.a[1], s.b[1]);
    maxY = Math.max(maxY, s.a[1], s.b[1]);
    length += Math.abs(s.b[0] - s.a[0]) + Math.abs(s.b[1] - s.a[1]);
  }
  // Cells about as large as an average segment: each segment lands in a few cells, each cell
  // holds a few segments, whatever the shape (a boundary puts every segment on its perimeter).
  const size = Math.max(length / Math.max(1, segments.length), (maxX - minX + maxY - minY) / 4096, 1e-12);
  const cols = Math.floor((maxX - minX) / size) + 1;
  const cellX = (v: number) => Math.floor((v - minX) / size);
  const cellY = (v: number) => Math.floor((v - minY) / size);
  const box = segments.map((s) => [
    cellX(Math.min(s.a[0], s.b[0])),
    cellX(Math.max(s.a[0], s.b[0])),
    cellY(Math.min(s.a[1], s.b[1])),
    cellY(Math.max(s.a[1], s.b[1])),
  ]);
  const grid = new Map<number, number[]>();
  box.forEach(([x0, x1, y0, y1], k) => {
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const list = grid.get(y * cols + x);
        if (list) list.push(k);
        else grid.set(y * cols + x, [k]);
      }
    }
  });
  for (const [key, list] of grid) {
    const cx = key % cols;
    const cy = (key - cx) / cols;
    for (let u = 0; u < list.length; u++) {
      for (let v = u + 1; v < list.length; v++) {
        const [p, q] = [box[list[u]], box[list[v]]];
        // Test each pair once: in the first cell (lowest x, then y) the two boxes share.
        if (cx !== Math.max(p[0], q[0]) || cy !== Math.max(p[2], q[2])) continue;
        const s = segments[list[u]];
        const t = segments[list[v]];
        if (crosses(s, t, rings))
          return { rings: [Math.min(s.ring, t.ring), Math.max(s.ring, t.ring)], at: meet(s, t) };
      }
    }
  }
  return null;
}

function crosses(s: Segment, t: Segment, rings: Pos[][]): boolean {
  const o1 = orient(s.a, s.b, t.a);
  const o2 = orient(s.a, s.b, t.b);
  const o3 = orient(t.a, t.b, s.a);
  const o4 = orient(t.a, t.b, s.b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true; // a proper crossing
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlapping along a stretch is invalid; sharing one end point is not.
    return overlapLength(s, t) > 0;
  }
  // One segment's end lies in the other's interior: the ring folds onto itself there — unless it
  // is the vertex the two segments share in the same ring.
  const touching =
    (o1 === 0 && strictlyInside(s.a, s.b, t.a)) ||
    (o2 === 0 && strictlyInside(s.a, s.b, t.b)) ||
    (o3 === 0 && strictlyInside(t.a, t.b, s.a)) ||
    (o4 === 0 && strictlyInside(t.a, t.b, s.b));
  // Rings touching one another at a single point are allowed (OGC); a ring touching itself is not.
  return touching && s.ring === t.ring && !adjacent(s, t, rings);
}

function adjacent(s: Segment, t: Segment, rings: Pos[][]): boolean {
  if (s.ring !== t.ring) return false;
  const last = rings[s.ring].length - 2;
  const d = Math.abs(s.index - t.index);
  return d === 1 || d === last;
}

function overlapLength(s: Segment, t: Segment): number {
  const dx = s.b[0] - s.a[0];
  const dy = s.b[1] - s.a[1];
  const len2 = dx * dx + dy * dy;
  const proj = (p: Pos) => ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / len2;
  const [t0, t1] = [proj(t.a), proj(t.b)].sort((x, y) => x - y);
  return Math.min(1, t1) - Math.max(0, t0);
}

function orient(a: Pos, b: Pos, c: Pos): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function within(a: Pos, b: Pos, p: Pos): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

function strictlyInside(a: Pos, b: Pos, p: Pos): boolean {
  return within(a, b, p) && !(p[0] === a[0] && p[1] === a[1]) && !(p[0] === b[0] && p[1] === b[1]);
}

/** Where two crossing segments meet (for the message). */
function meet(s: Segment, t: Segment): Pos {
  const d = (s.b[0] - s.a[0]) * (t.b[1] - t.a[1]) - (s.b[1] - s.a[1]) * (t.b[0] - t.a[0]);
  if (d === 0) return t.a;
  const u = ((t.a[0] - s.a[0]) * (t.b[1] - t.a[1]) - (t.a[1] - s.a[1]) * (t.b[0] - t.a[0])) / d;
  return [s.a[0] + u * (s.b[0] - s.a[0]), s.a[1] + u * (s.b[1] - s.a[1])];
}
