/**
 * Granular neighbourhoods (Toth & Vigo 2003; Vidal 2013): each client only looks at its nb
 * most related clients. Relatedness is PyVRP's: travel distance plus weighted waiting time
 * and time warp that serving one right after the other would cause, made symmetric.
 */
import type { Instance } from './instance.ts';

export interface NeighbourParams {
  readonly nb: number;
  readonly weightWait: number;
  readonly weightTimeWarp: number;
}

export function computeNeighbours(inst: Instance, params: NeighbourParams): Int32Array {
  const n = inst.numLocations;
  const first = inst.numDepots;
  const nb = params.nb;
  const out = new Int32Array(n * nb).fill(-1);
  const clients: number[] = [];
  for (let c = first; c < n; c++) if (inst.servable[c]) clients.push(c);
  const m = clients.length;
  if (m === 0) return out;
  const dist = inst.dist[0];
  const dur = inst.dur[0];
  const st = inst.serviceTime;
  const e = inst.twEarly;
  const l = inst.twLate;
  const ww = params.weightWait;
  const wt = params.weightTimeWarp;
  const useTime = !inst.timeFree;
  const prox = (i: number, j: number): number => {
    let p = dist[i * n + j];
    if (useTime) {
      const t = dur[i * n + j];
      p += ww * Math.max(e[j] - st[i] - t - l[i], 0) + wt * Math.max(e[i] + st[i] + t - l[j], 0);
    }
    return p;
  };
  const row = new Float64Array(m);
  const idx = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    const i = clients[a];
    for (let b = 0; b < m; b++) {
      const j = clients[b];
      row[b] = i === j ? Number.POSITIVE_INFINITY : Math.min(prox(i, j), prox(j, i));
      idx[b] = b;
    }
    const take = Math.min(nb, m - 1);
    // Partial selection: sort a copy of the indices by proximity (m log m, done once).
    const sorted = Array.from(idx).sort((x, y) => row[x] - row[y]);
    let w = 0;
    for (let t = 0; t < take; t++) {
      if (!(row[sorted[t]] < 1e12)) break;
      out[i * nb + w++] = clients[sorted[t]];
    }
  }
  return out;
}
