/** Number formatting shared by the plan and the ledger built from it. */
import type { Quantities } from './types.ts';

/** x rounded to `digits` decimals; never -0 (it would print as a negative zero in reports). */
export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  const y = Math.round(x * f) / f;
  return Object.is(y, -0) ? 0 : y;
}

/** Loads by dimension name, clamped at 0 against float dust, to the gram / millilitre. */
export function quantities(dims: readonly string[], values: Float64Array): Quantities {
  const out: Quantities = {};
  dims.forEach((d, i) => (out[d] = round(Math.max(0, values[i]), 6)));
  return out;
}
