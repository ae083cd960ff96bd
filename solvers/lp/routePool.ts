/**
 * Route pool: the distinct, exactly feasible routes met in good solutions of the search, the
 * columns of the set-partitioning model. A route is identified by its vehicle type and its set
 * of clients; for one set only the cheapest visiting order is kept. When the pool is full the
 * columns seen least recently are evicted.
 */
export interface Column {
  readonly type: number;
  visits: Int32Array;
  cost: number;
  /** Search iteration at which the route was last offered. */
  lastSeen: number;
}

export class RoutePool {
  readonly columns: Column[] = [];
  private readonly byKey = new Map<string, Column>();
  /** Columns added or improved since the last call of takeNewCount(). */
  private fresh = 0;

  constructor(readonly maxColumns = 20_000) {}

  get size(): number {
    return this.columns.length;
  }

  static key(type: number, visits: Int32Array): string {
    const sorted = Int32Array.from(visits).sort();
    return `${type}:${sorted.join(',')}`;
  }

  /** Offers a route; returns true when it is new or cheaper than the known order. */
  add(type: number, visits: Int32Array, cost: number, iteration: number): boolean {
    if (visits.length === 0) return false;
    const key = RoutePool.key(type, visits);
    const known = this.byKey.get(key);
    if (known) {
      known.lastSeen = iteration;
      if (cost < known.cost - 1e-9) {
        known.cost = cost;
        known.visits = visits.slice();
        this.fresh++;
        return true;
      }
      return false;
    }
    const col: Column = { type, visits: visits.slice(), cost, lastSeen: iteration };
    this.byKey.set(key, col);
    this.columns.push(col);
    this.fresh++;
    if (this.columns.length > this.maxColumns) this.evict();
    return true;
  }

  find(type: number, visits: Int32Array): Column | undefined {
    return this.byKey.get(RoutePool.key(type, visits));
  }

  takeNewCount(): number {
    const f = this.fresh;
    this.fresh = 0;
    return f;
  }

  private evict(): void {
    const keep = Math.floor(this.maxColumns * 0.8);
    this.columns.sort((a, b) => b.lastSeen - a.lastSeen);
    for (const col of this.columns.splice(keep)) this.byKey.delete(RoutePool.key(col.type, col.visits));
  }
}
