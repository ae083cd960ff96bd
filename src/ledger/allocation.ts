/**
 * ISO 14083 / GLEC allocation of a tour's emissions to its orders (doc §4.2):
 *
 *   notional_activity(order) = quantity(order) × SFD(start depot → stop)
 *   share(order)             = notional_activity(order) / Σ notional_activity over the tour
 *   E(order)                 = share(order) × E(tour, empty return included)
 *
 * The distance is the order's own shortest feasible distance from the depot (the vehicle's road
 * matrix), not the km the vehicle drove with its detours. One quantity for the whole calculation
 * (mass by default) and the ledger says which. When a tour carries nothing in that quantity the
 * shares fall back to SFD alone, then to equal shares (engine convention; the standard assumes
 * freight). The same shares split a saving per order.
 */

export interface AllocationItem {
  readonly orderId: string;
  readonly quantity: number;
  readonly sfdKm: number;
}

/** Shares summing to exactly 1 (for a non-empty tour), in item order. */
export function allocationShares(items: readonly AllocationItem[]): number[] {
  if (items.length === 0) return [];
  const activity = items.map((i) => Math.max(0, i.quantity) * Math.max(0, i.sfdKm));
  const byActivity = normalise(activity);
  if (byActivity) return byActivity;
  const bySfd = normalise(items.map((i) => Math.max(0, i.sfdKm)));
  return bySfd ?? items.map(() => 1 / items.length);
}

function normalise(weights: readonly number[]): number[] | null {
  const total = weights.reduce((s, w) => s + w, 0);
  return total > 0 ? weights.map((w) => w / total) : null;
}

/**
 * Splits `total` by `shares` into amounts rounded to `digits` decimals that add up to `total`
 * rounded to the same digits (largest remainder), so the per-order lines a reader adds up give
 * the tour's line exactly.
 */
export function splitRounded(total: number, shares: readonly number[], digits: number): number[] {
  if (shares.length === 0) return [];
  const unit = 10 ** digits;
  const target = Math.round(total * unit);
  const raw = shares.map((s) => s * target);
  const floors = raw.map((x) => Math.floor(x));
  let left = target - floors.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => ({ i, frac: x - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k].i]++;
  for (let k = order.length - 1; left < 0; k = (k - 1 + order.length) % order.length, left++) floors[order[k].i]--;
  return floors.map((x) => x / unit);
}
