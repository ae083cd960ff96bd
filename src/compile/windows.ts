/**
 * Time windows in seconds from local midnight: parse, merge overlaps, clip to the horizon.
 */
import { HORIZON_SECONDS, type TimeOfDay, toSeconds } from '../model/time.ts';

export interface Span {
  readonly open: number;
  readonly close: number;
}

export const FULL_DAY: Span = { open: 0, close: HORIZON_SECONDS };

export function toSpan(w: { start: TimeOfDay; end: TimeOfDay } | undefined, fallback: Span = FULL_DAY): Span {
  return w ? { open: toSeconds(w.start), close: toSeconds(w.end) } : fallback;
}

/** Sorted, disjoint windows: overlapping or touching windows are merged (a planner's double entry). */
export function normalizeWindows(windows: readonly Span[]): Span[] {
  const sorted = [...windows].sort((a, b) => a.open - b.open);
  const out: Span[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.open <= last.close) out[out.length - 1] = { open: last.open, close: Math.max(last.close, w.close) };
    else out.push({ open: w.open, close: w.close });
  }
  return out;
}
