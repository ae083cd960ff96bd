/** Chart scales and their ticks: pure functions of numbers (charts.ts draws with them). */

export interface Scale {
  (v: number): number;
  readonly ticks: readonly number[];
  readonly log: boolean;
}

/** Linear scale of [d0, d1] onto [r0, r1] with about `count` round ticks (1, 2, 5 × 10^k steps). */
export function linearScale(d0: number, d1: number, r0: number, r1: number, count = 5): Scale {
  const span = d1 - d0 || Math.abs(d0) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const lo = Math.floor(d0 / step) * step;
  const hi = Math.ceil((d0 + span) / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  const f = (v: number) => r0 + ((v - lo) / (hi - lo || 1)) * (r1 - r0);
  return Object.assign(f, { ticks, log: false });
}

/** Log10 scale over whole decades that contain [min, max] (both > 0). */
export function logScale(min: number, max: number, r0: number, r1: number): Scale {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) ticks.push(10 ** k);
  const f = (v: number) => r0 + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (r1 - r0);
  return Object.assign(f, { ticks, log: true });
}

/** Log scale when the largest positive value is more than `threshold` times the smallest. */
export function needsLog(values: readonly number[], threshold = 50): boolean {
  const pos = values.filter((v) => v > 0);
  if (pos.length < 2) return false;
  return Math.max(...pos) / Math.min(...pos) > threshold;
}
