/**
 * Population with diversity management (Vidal et al. 2012; PyVRP): feasible and infeasible
 * sub-populations; each individual's biased fitness combines its cost rank with its
 * contribution to diversity (mean broken-pairs distance to its closest neighbours); survivor
 * selection removes clones first, then the worst biased fitness.
 */
import type { CostEvaluator } from '../costEvaluator.ts';
import type { Instance } from '../instance.ts';
import type { Rng } from '../rng.ts';
import { brokenPairsDistance, type Individual } from './individual.ts';

export interface PopulationParams {
  readonly minPopSize: number;
  readonly generationSize: number;
  readonly nbElite: number;
  readonly nbClose: number;
  readonly lbDiversity: number;
  readonly ubDiversity: number;
}

export const DEFAULT_POPULATION: PopulationParams = {
  minPopSize: 25,
  generationSize: 40,
  nbElite: 4,
  nbClose: 5,
  lbDiversity: 0.1,
  ubDiversity: 0.5,
};

interface Entry {
  readonly ind: Individual;
  fitness: number;
  /** Distances to the other entries, ascending. */
  readonly prox: { d: number; other: Entry }[];
}

class SubPopulation {
  readonly entries: Entry[] = [];

  constructor(
    private readonly inst: Instance,
    private readonly params: PopulationParams,
  ) {}

  add(ind: Individual, ce: CostEvaluator): void {
    const entry: Entry = { ind, fitness: 0, prox: [] };
    for (const other of this.entries) {
      const d = brokenPairsDistance(this.inst, ind, other.ind);
      insertSorted(other.prox, { d, other: entry });
      insertSorted(entry.prox, { d, other });
    }
    this.entries.push(entry);
    if (this.entries.length > this.params.minPopSize + this.params.generationSize) this.purge(ce);
  }

  private remove(entry: Entry): void {
    const i = this.entries.indexOf(entry);
    this.entries.splice(i, 1);
    for (const other of this.entries) {
      const j = other.prox.findIndex((p) => p.other === entry);
      if (j >= 0) other.prox.splice(j, 1);
    }
  }

  private purge(ce: CostEvaluator): void {
    // Clones first.
    for (let i = this.entries.length - 1; i >= 0 && this.entries.length > this.params.minPopSize; i--) {
      const e = this.entries[i];
      if (e.prox.length > 0 && e.prox[0].d === 0) this.remove(e);
    }
    while (this.entries.length > this.params.minPopSize) {
      this.updateFitness(ce);
      let worst = this.entries[0];
      for (const e of this.entries) if (e.fitness > worst.fitness) worst = e;
      this.remove(worst);
    }
  }

  avgDistanceClosest(e: Entry): number {
    const k = Math.min(this.params.nbClose, e.prox.length);
    if (k === 0) return 0;
    let s = 0;
    for (let i = 0; i < k; i++) s += e.prox[i].d;
    return s / k;
  }

  updateFitness(ce: CostEvaluator): void {
    const m = this.entries.length;
    if (m === 0) return;
    const byCost = this.entries
      .map((e) => ({ e, cost: e.ind.penalisedCost(ce), div: this.avgDistanceClosest(e) }))
      .sort((a, b) => a.cost - b.cost);
    const divOrder = byCost.map((x, i) => ({ i, div: x.div })).sort((a, b) => b.div - a.div);
    const divRank = new Int32Array(m);
    divOrder.forEach((x, r) => {
      divRank[x.i] = r;
    });
    const eliteWeight = 1 - Math.min(this.params.nbElite, m) / m;
    for (let i = 0; i < m; i++) {
      byCost[i].e.fitness = m > 1 ? (i + eliteWeight * divRank[i]) / (m - 1) : 0;
    }
  }
}

function insertSorted(list: { d: number; other: Entry }[], item: { d: number; other: Entry }): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].d < item.d) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

export class Population {
  private readonly feasible: SubPopulation;
  private readonly infeasible: SubPopulation;

  constructor(
    private readonly inst: Instance,
    readonly params: PopulationParams = DEFAULT_POPULATION,
  ) {
    this.feasible = new SubPopulation(inst, params);
    this.infeasible = new SubPopulation(inst, params);
  }

  get size(): number {
    return this.feasible.entries.length + this.infeasible.entries.length;
  }

  add(ind: Individual, ce: CostEvaluator): void {
    (ind.feasible ? this.feasible : this.infeasible).add(ind, ce);
  }

  clear(): void {
    this.feasible.entries.length = 0;
    this.infeasible.entries.length = 0;
  }

  /** Best feasible individual by objective, if any. */
  bestFeasible(): Individual | null {
    let best: Individual | null = null;
    for (const e of this.feasible.entries) if (!best || e.ind.objective < best.objective) best = e.ind;
    return best;
  }

  private tournament(rng: Rng): Individual {
    const m = this.size;
    const pick = (): Entry => {
      const i = rng.int(m);
      const nf = this.feasible.entries.length;
      return i < nf ? this.feasible.entries[i] : this.infeasible.entries[i - nf];
    };
    const a = pick();
    const b = pick();
    return a.fitness <= b.fitness ? a.ind : b.ind;
  }

  /** Two parents by binary tournament, the second resampled until diversity is in bounds. */
  select(rng: Rng, ce: CostEvaluator): [Individual, Individual] {
    this.feasible.updateFitness(ce);
    this.infeasible.updateFitness(ce);
    const first = this.tournament(rng);
    let second = this.tournament(rng);
    let div = brokenPairsDistance(this.inst, first, second);
    for (let tries = 1; tries < 10 && (div < this.params.lbDiversity || div > this.params.ubDiversity); tries++) {
      second = this.tournament(rng);
      div = brokenPairsDistance(this.inst, first, second);
    }
    return [first, second];
  }
}
