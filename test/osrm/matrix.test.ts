import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsrmClient, OsrmError } from '../../src/distances/osrm/client.ts';
import { buildMatrix, split, UNROUTABLE } from '../../src/distances/osrm/matrix.ts';
import type { Point } from '../../src/distances/provider.ts';
import { type FakeOsrm, startFakeOsrm } from './fakeOsrm.ts';

/** 250 points around Lyon (deterministic), a few of them on an "island" north of 45.83°. */
function lyonPoints(n: number): Point[] {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, (_, i) =>
    i % 50 === 7
      ? { lat: 45.84 + rnd() * 0.01, lon: 4.8 + rnd() * 0.05 }
      : { lat: 45.7 + rnd() * 0.12, lon: 4.78 + rnd() * 0.15 },
  );
}

const island = (_lon: number, lat: number) => lat > 45.83;
let big: FakeOsrm;
let small: FakeOsrm;

beforeAll(async () => {
  big = await startFakeOsrm({ maxTableSize: 300, island });
  small = await startFakeOsrm({ maxTableSize: 100, island });
});
afterAll(async () => {
  await big.close();
  await small.close();
});

const clientFor = (server: FakeOsrm, fetchImpl?: typeof fetch, timeoutMs = 5000) =>
  new OsrmClient({
    endpoint: { baseUrl: server.url, profile: 'driving' },
    timeoutMs,
    retries: 2,
    backoffMs: 5,
    fetch: fetchImpl,
  });

describe('matrices assembled from blocks', () => {
  it('a 250 × 250 matrix built from 100 × 100 blocks equals the one built in one piece', async () => {
    const points = lyonPoints(250);
    big.requests.length = 0;
    small.requests.length = 0;
    const whole = await buildMatrix(clientFor(big), points, { blockSize: 300, concurrency: 1, deadlineMs: 20_000 });
    expect(big.requests).toHaveLength(1);
    expect(big.requests[0].cells).toBe(250 * 250);

    const pieces = await buildMatrix(clientFor(small), points, { blockSize: 100, concurrency: 3, deadlineMs: 20_000 });
    expect(small.requests).toHaveLength(9); // 3 × 3 blocks of 83-84 points
    expect(Math.max(...small.requests.map((r) => r.cells))).toBeLessThanOrEqual(100 * 100);
    expect(pieces.splits).toBe(0);

    expect(pieces.distance).toEqual(whole.distance);
    expect(pieces.duration).toEqual(whole.duration);
    expect(pieces.snapMetres).toEqual(whole.snapMetres);
    // 5 island points: no route to or from the 245 others, in either direction.
    expect(whole.unroutable).toBe(2 * 5 * 245);
    expect(pieces.unroutable).toBe(whole.unroutable);
  });

  it('never NaN: unroutable pairs are forbidden arcs, a point to itself is 0', async () => {
    const points = lyonPoints(60);
    const m = await buildMatrix(clientFor(small), points, { blockSize: 100, concurrency: 2, deadlineMs: 20_000 });
    expect([...m.distance, ...m.duration].every(Number.isFinite)).toBe(true);
    const n = points.length;
    for (let i = 0; i < n; i++) expect(m.distance[i * n + i]).toBe(0);
    expect(m.distance[7 * n + 0]).toBe(UNROUTABLE); // point 7 is on the island
    expect(m.duration[0 * n + 7]).toBe(UNROUTABLE);
    expect(m.distance[0 * n + 1]).toBeGreaterThan(0);
    expect(m.distance[0 * n + 1]).toBeLessThan(50_000);
  });

  it('a server whose max-table-size is lower than configured: TooBig blocks are halved and asked again', async () => {
    const points = lyonPoints(250);
    const reference = await buildMatrix(clientFor(big), points, { blockSize: 300, concurrency: 1, deadlineMs: 20_000 });
    small.requests.length = 0;
    const m = await buildMatrix(clientFor(small), points, { blockSize: 130, concurrency: 2, deadlineMs: 20_000 });
    expect(m.splits).toBeGreaterThan(0);
    expect(m.distance).toEqual(reference.distance);
    expect(m.duration).toEqual(reference.duration);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        const res = await fetch(input, init);
        const body = await res.text();
        return new Response(body, { status: res.status, headers: res.headers });
      } finally {
        inFlight--;
      }
    };
    small.always = { kind: 'slow', ms: 20 };
    try {
      await buildMatrix(clientFor(small, counting), lyonPoints(120), {
        blockSize: 30,
        concurrency: 3,
        deadlineMs: 20_000,
      });
    } finally {
      small.always = null;
    }
    expect(most).toBe(3);
  });

  it('one block failing for good fails the matrix with that reason', async () => {
    small.faults.length = 0;
    small.always = { kind: 'status', status: 500 };
    try {
      const p = buildMatrix(clientFor(small), lyonPoints(120), { blockSize: 40, concurrency: 2, deadlineMs: 20_000 });
      await expect(p).rejects.toThrow(/HTTP 500 .*\(3 attempts\)/);
    } finally {
      small.always = null;
    }
  });

  it('the whole matrix has one deadline', async () => {
    small.always = { kind: 'slow', ms: 3000 };
    try {
      const p = buildMatrix(clientFor(small, undefined, 2000), lyonPoints(20), {
        blockSize: 100,
        concurrency: 1,
        deadlineMs: 200,
      });
      const e = await p.catch((x) => x);
      expect(e).toBeInstanceOf(OsrmError);
      expect(e.message).toBe('OSRM matrix of 20 points not complete within 200 ms');
    } finally {
      small.always = null;
    }
  });

  it('splits n points into near-equal ranges no longer than the block size', () => {
    expect(split(250, 100)).toEqual([
      [0, 83],
      [83, 166],
      [166, 250],
    ]);
    expect(split(100, 100)).toEqual([[0, 100]]);
    expect(split(1, 100)).toEqual([[0, 1]]);
  });
});
