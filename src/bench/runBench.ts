/**
 * Benchmark runner: solves every instance of a folder (Solomon .txt, VRPLIB .vrp), compares
 * with the best-known distances (bks_distance.csv for Solomon when present, else bks.csv), and
 * prints / writes a table: instance, distance, BKS, gap %, vehicles, feasible (independent
 * check), CPU s. Results go to bench-results/ as JSON and markdown (never committed).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { guessFormat } from '../formats/index.ts';
import { type BenchClock, type SolveFileResult, solveInstanceFile } from './solveFile.ts';

export interface BenchOptions {
  readonly timeLimitS: number;
  readonly seed?: number;
  readonly lp?: boolean;
  readonly clock?: BenchClock;
  /** Only instances whose name starts with one of the comma-separated prefixes, or matches /regex/. */
  readonly filter?: string;
  /** Output folder (default bench-results). */
  readonly out?: string;
  /** Print each row as it finishes (default true). */
  readonly print?: boolean;
}

export interface BenchRow {
  readonly instance: string;
  readonly distance: number;
  readonly bks: number | null;
  readonly gapPct: number | null;
  readonly vehicles: number;
  readonly feasible: boolean;
  readonly cpuS: number;
  readonly wallS: number;
}

export interface BenchReport {
  readonly dir: string;
  readonly timeLimitS: number;
  readonly seed: number;
  readonly lp: boolean;
  readonly clock: BenchClock;
  readonly rows: BenchRow[];
  readonly averageGapPct: number | null;
  readonly allFeasible: boolean;
  readonly files: { json: string; markdown: string } | null;
  readonly results: SolveFileResult[];
}

/** Best-known distances by instance name. */
export function readBks(dir: string): Map<string, number> {
  const file = ['bks_distance.csv', 'bks.csv'].map((f) => join(dir, f)).find((f) => existsSync(f));
  const bks = new Map<string, number>();
  if (!file) return bks;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(',');
  const iName = header.indexOf('instance');
  const iDist = header.indexOf('distance');
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const d = Number(f[iDist]);
    if (f[iName] && Number.isFinite(d)) bks.set(f[iName], d);
  }
  return bks;
}

export function listInstances(dir: string, filter?: string): string[] {
  const match = filterMatcher(filter);
  return readdirSync(dir)
    .filter((f) => guessFormat(f) !== null && !/^readme/i.test(f) && !/\.csv$/i.test(f))
    .filter((f) => match(f.replace(/\.[^.]+$/, '')))
    .sort(naturalOrder)
    .map((f) => join(dir, f));
}

function filterMatcher(filter?: string): (name: string) => boolean {
  if (!filter) return () => true;
  const re = /^\/(.*)\/$/.exec(filter);
  if (re) {
    const rx = new RegExp(re[1]);
    return (name) => rx.test(name);
  }
  const parts = filter.split(',').filter(Boolean);
  return (name) => parts.some((p) => name.startsWith(p));
}

function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export async function runBench(dir: string, options: BenchOptions): Promise<BenchReport> {
  const absDir = resolve(dir);
  const files = listInstances(absDir, options.filter);
  if (files.length === 0)
    throw new Error(`no .txt or .vrp instance in ${absDir}${options.filter ? ` matching ${options.filter}` : ''}`);
  const bks = readBks(absDir);
  const seed = options.seed ?? 1;
  const lp = options.lp ?? true;
  const clock = options.clock ?? 'wall';
  const print = options.print ?? true;
  const rows: BenchRow[] = [];
  const results: SolveFileResult[] = [];
  if (print) console.log(header());
  for (const file of files) {
    const res = await solveInstanceFile(file, { timeLimitS: options.timeLimitS, seed, lp, clock });
    const name = basename(file).replace(/\.[^.]+$/, '');
    const best = bks.get(name) ?? bks.get(res.instance) ?? null;
    const row: BenchRow = {
      instance: name,
      distance: res.distance,
      bks: best,
      gapPct: best ? (100 * (res.distance - best)) / best : null,
      vehicles: res.vehicles,
      feasible: res.feasible,
      cpuS: res.cpuMs / 1000,
      wallS: res.wallMs / 1000,
    };
    rows.push(row);
    results.push(res);
    if (print) console.log(formatRow(row));
  }
  const gaps = rows.filter((r) => r.gapPct !== null && r.feasible).map((r) => r.gapPct as number);
  const averageGapPct =
    gaps.length === rows.length && gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
  const report: Omit<BenchReport, 'files'> = {
    dir: absDir,
    timeLimitS: options.timeLimitS,
    seed,
    lp,
    clock,
    rows,
    averageGapPct,
    allFeasible: rows.every((r) => r.feasible),
    results,
  };
  if (print) console.log(footer(report));
  const files2 = writeReport(report, options.out ?? 'bench-results');
  if (print) console.log(`written: ${files2.json}, ${files2.markdown}`);
  return { ...report, files: files2 };
}

function header(): string {
  return [
    'instance'.padEnd(14),
    'distance'.padStart(11),
    'BKS'.padStart(11),
    'gap %'.padStart(7),
    'veh'.padStart(4),
    'feasible'.padStart(9),
    'CPU s'.padStart(7),
  ].join(' ');
}

function formatRow(r: BenchRow): string {
  return [
    r.instance.padEnd(14),
    r.distance.toFixed(2).padStart(11),
    (r.bks === null ? '-' : r.bks.toFixed(2)).padStart(11),
    (r.gapPct === null ? '-' : r.gapPct.toFixed(2)).padStart(7),
    String(r.vehicles).padStart(4),
    (r.feasible ? 'yes' : 'NO').padStart(9),
    r.cpuS.toFixed(2).padStart(7),
  ].join(' ');
}

function footer(r: Omit<BenchReport, 'files'>): string {
  const gap = r.averageGapPct === null ? 'n/a' : `${r.averageGapPct.toFixed(2)} %`;
  const cpu = r.rows.reduce((a, b) => a + b.cpuS, 0);
  return `${r.rows.length} instances, average gap ${gap}, ${r.rows.filter((x) => x.feasible).length}/${r.rows.length} feasible, CPU ${cpu.toFixed(1)} s (limit ${r.timeLimitS} s, seed ${r.seed}, LP ${r.lp ? 'on' : 'off'}, ${r.clock} clock)`;
}

function markdown(r: Omit<BenchReport, 'files'>): string {
  const lines = [
    `# Benchmark: ${basename(r.dir)}`,
    '',
    `Time limit ${r.timeLimitS} s per instance (${r.clock} clock), seed ${r.seed}, LP component ${r.lp ? 'on' : 'off'}.`,
    '',
    '| instance | distance | BKS | gap % | vehicles | feasible | CPU s |',
    '| --- | ---: | ---: | ---: | ---: | :---: | ---: |',
    ...r.rows.map(
      (x) =>
        `| ${x.instance} | ${x.distance.toFixed(2)} | ${x.bks === null ? '-' : x.bks.toFixed(2)} | ${x.gapPct === null ? '-' : x.gapPct.toFixed(2)} | ${x.vehicles} | ${x.feasible ? 'yes' : 'NO'} | ${x.cpuS.toFixed(2)} |`,
    ),
    '',
    footer(r),
    '',
  ];
  return lines.join('\n');
}

function writeReport(r: Omit<BenchReport, 'files'>, outDir: string): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = join(outDir, `${basename(r.dir)}-${r.timeLimitS}s-${r.lp ? 'lp' : 'nolp'}-${stamp}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(r));
  return { json: `${base}.json`, markdown: `${base}.md` };
}
