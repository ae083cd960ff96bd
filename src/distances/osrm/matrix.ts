/**
 * One n × n matrix from OSRM's table service, assembled from blocks of sources × destinations
 * that fit the server's max-table-size, with a bounded number of requests in flight and one
 * deadline for the whole matrix. A block the server still finds TooBig (its limit is lower than
 * configured) is halved and asked again, and the plan's note says so.
 *
 * Unroutable pairs (OSRM answers null: a point snapped onto a piece of road that does not connect,
 * a one-way trap) become forbidden arcs — FORBIDDEN metres and seconds, the solver's own marker —
 * never NaN or a made-up estimate. The pipeline turns a depot ↔ order pair without a road into an
 * unassigned order with that reason (see roadAccess.ts).
 */
import { FORBIDDEN } from '../../../solvers/problem.ts';
import type { Point } from '../provider.ts';
import { type OsrmClient, OsrmError } from './client.ts';

/** Metres and seconds of a pair OSRM has no route for: a forbidden arc for the solver. */
export const UNROUTABLE = FORBIDDEN;

export interface MatrixOptions {
  /** Sources × destinations per request is at most blockSize² (OSRM's max-table-size rule). */
  readonly blockSize: number;
  readonly concurrency: number;
  /** The whole matrix must be complete by then (ms). */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

export interface BuiltMatrix {
  readonly distance: Float64Array;
  readonly duration: Float64Array;
  /** Ordered pairs (i ≠ j) without a route. */
  readonly unroutable: number;
  /** Per point: metres from the given coordinate to the road it snapped to. */
  readonly snapMetres: Float64Array;
  readonly requests: number;
  /** Blocks the server refused as TooBig and that were split. */
  readonly splits: number;
}

interface Block {
  readonly s0: number;
  readonly s1: number;
  readonly d0: number;
  readonly d1: number;
}

export async function buildMatrix(
  client: OsrmClient,
  points: readonly Point[],
  options: MatrixOptions,
): Promise<BuiltMatrix> {
  const n = points.length;
  const out = {
    distance: new Float64Array(n * n),
    duration: new Float64Array(n * n),
    unroutable: 0,
    snapMetres: new Float64Array(n),
    requests: 0,
    splits: 0,
  };
  const ranges = split(n, Math.max(1, options.blockSize));
  const queue: Block[] = ranges.flatMap(([s0, s1]) => ranges.map(([d0, d1]) => ({ s0, s1, d0, d1 })));
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(), options.deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let failure: unknown = null;

  const runner = async () => {
    while (queue.length > 0 && failure === null) {
      const block = queue.shift()!;
      try {
        await fetchBlock(client, points, block, out, signal);
      } catch (e) {
        const halves = e instanceof OsrmError && e.code === 'TooBig' ? halve(block) : null;
        if (halves) {
          out.splits++;
          queue.push(...halves);
        } else if (failure === null) {
          failure = e;
          stop.abort();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, runner));
  } finally {
    clearTimeout(deadline);
  }
  if (failure !== null) {
    if (stop.signal.aborted && !options.signal?.aborted && failure instanceof OsrmError && failure.kind === 'aborted') {
      throw new OsrmError(`OSRM matrix of ${n} points not complete within ${options.deadlineMs} ms`, 'timeout', false);
    }
    throw failure;
  }
  return out;
}

async function fetchBlock(
  client: OsrmClient,
  points: readonly Point[],
  b: Block,
  out: {
    distance: Float64Array;
    duration: Float64Array;
    unroutable: number;
    snapMetres: Float64Array;
    requests: number;
  },
  signal: AbortSignal,
): Promise<void> {
  const n = points.length;
  // The request carries each point once, even where the source and destination ranges overlap.
  const coordOf = new Map<number, number>();
  const coords: Point[] = [];
  const add = (p: number) => {
    if (!coordOf.has(p)) {
      coordOf.set(p, coords.length);
      coords.push(points[p]);
    }
  };
  for (let p = b.s0; p < b.s1; p++) add(p);
  for (let p = b.d0; p < b.d1; p++) add(p);
  if (coords.length < 2) return; // one point to itself: 0 m, 0 s (OSRM wants two coordinates)
  const sources = range(b.s0, b.s1).map((p) => coordOf.get(p)!);
  const destinations = range(b.d0, b.d1).map((p) => coordOf.get(p)!);
  const all = (ids: number[]) => ids.length === coords.length && ids.every((c, k) => c === k);
  out.requests++;
  const answer = await client.table(
    coords,
    all(sources) ? undefined : sources,
    all(destinations) ? undefined : destinations,
    signal,
  );
  for (let i = 0; i < sources.length; i++) {
    const from = b.s0 + i;
    out.snapMetres[from] = Math.max(out.snapMetres[from], answer.sources[i].distance ?? 0);
    const meters = answer.distances[i];
    const seconds = answer.durations[i];
    for (let j = 0; j < destinations.length; j++) {
      const to = b.d0 + j;
      const cell = from * n + to;
      if (from === to) continue; // a point to itself is 0 whatever the snapping did
      const m = meters[j];
      const s = seconds[j];
      if (m === null || s === null) {
        out.distance[cell] = UNROUTABLE;
        out.duration[cell] = UNROUTABLE;
        out.unroutable++;
      } else {
        out.distance[cell] = m;
        out.duration[cell] = s;
      }
    }
  }
  destinations.forEach((_, j) => {
    const to = b.d0 + j;
    out.snapMetres[to] = Math.max(out.snapMetres[to], answer.destinations[j].distance ?? 0);
  });
}

/** [start, end) ranges of near-equal size, none longer than `size`. */
export function split(n: number, size: number): [number, number][] {
  const parts = Math.max(1, Math.ceil(n / size));
  const out: [number, number][] = [];
  for (let k = 0; k < parts; k++) out.push([Math.floor((k * n) / parts), Math.floor(((k + 1) * n) / parts)]);
  return out.filter(([a, b]) => b > a);
}

function halve(b: Block): Block[] | null {
  const rows = b.s1 - b.s0;
  const cols = b.d1 - b.d0;
  if (rows <= 1 && cols <= 1) return null;
  if (rows >= cols) {
    const mid = b.s0 + Math.floor(rows / 2);
    return [
      { ...b, s1: mid },
      { ...b, s0: mid },
    ];
  }
  const mid = b.d0 + Math.floor(cols / 2);
  return [
    { ...b, d1: mid },
    { ...b, d0: mid },
  ];
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, k) => a + k);
}
