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

export function computeNeighbours(
  inst: Instance,
  params: NeighbourParams,
  shouldAbort: () => boolean = () => false,
): Int32Array {
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
  // Bounded max-heap of the nb closest (proximity, index) per client: O(m log nb) per row.
  const heapVal = new Float64Array(nb);
  const heapIdx = new Int32Array(nb);
  for (let a = 0; a < m; a++) {
    // O(m^2) overall: let a cancel through on very large problems.
    if ((a & 127) === 127 && shouldAbort()) break;
    const i = clients[a];
    let size = 0;
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const j = clients[b];
      const p = Math.min(prox(i, j), prox(j, i));
      if (!(p < 1e12)) continue;
      if (size < nb) {
        let k = size++;
        while (k > 0) {
          const parent = (k - 1) >> 1;
          if (heapVal[parent] >= p) break;
          heapVal[k] = heapVal[parent];
          heapIdx[k] = heapIdx[parent];
          k = parent;
        }
        heapVal[k] = p;
        heapIdx[k] = j;
      } else if (p < heapVal[0]) {
        let k = 0;
        for (;;) {
          const l = 2 * k + 1;
          if (l >= size) break;
          const r = l + 1;
          const c = r < size && heapVal[r] > heapVal[l] ? r : l;
          if (heapVal[c] <= p) break;
          heapVal[k] = heapVal[c];
          heapIdx[k] = heapIdx[c];
          k = c;
        }
        heapVal[k] = p;
        heapIdx[k] = j;
      }
    }
    // Nearest first (ties by index, for determinism).
    const order = Array.from({ length: size }, (_, t) => t).sort(
      (x, y) => heapVal[x] - heapVal[y] || heapIdx[x] - heapIdx[y],
    );
    for (let t = 0; t < size; t++) out[i * nb + t] = heapIdx[order[t]];
  }
  return out;
}
