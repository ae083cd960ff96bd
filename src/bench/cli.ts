/**
 * Command-line entry points for the benchmark, wired by the `tournee` CLI:
 *   tournee solve FILE --format solomon|vrplib --time-limit S [--seed N] [--out result.json] [--no-lp] [--clock wall|cpu]
 *   npm run bench -- DIR --time-limit S [--seed N] [--no-lp] [--clock wall|cpu] [--filter C1,R2] [--out bench-results]
 * Each returns the process exit code (0 ok, 1 failure such as an infeasible result, 2 usage).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { InstanceFormat } from '../formats/index.ts';
import { runBench } from './runBench.ts';
import type { BenchClock } from './solveFile.ts';
import { solveInstanceFile } from './solveFile.ts';

const common = {
  'time-limit': { type: 'string' },
  seed: { type: 'string' },
  'no-lp': { type: 'boolean' },
  clock: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function number(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

function clockOf(value: string | undefined): BenchClock {
  if (value === undefined || value === 'wall' || value === 'cpu') return value ?? 'wall';
  throw new UsageError(`--clock must be wall or cpu, got "${value}"`);
}

const BENCH_USAGE =
  'usage: npm run bench -- DIR --time-limit S [--seed N] [--no-lp] [--clock wall|cpu] [--filter NAMES|/regex/] [--out DIR]';
const SOLVE_USAGE =
  'usage: tournee solve FILE --format solomon|vrplib --time-limit S [--seed N] [--out result.json] [--no-lp] [--clock wall|cpu]';

export async function benchCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...common, filter: { type: 'string' } },
    });
    if (values.help) {
      console.log(BENCH_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one instance folder');
    const report = await runBench(positionals[0], {
      timeLimitS: number(values['time-limit'], 'time-limit'),
      seed: number(values.seed, 'seed', 1),
      lp: !values['no-lp'],
      clock: clockOf(values.clock),
      filter: values.filter,
      out: values.out,
    });
    return report.allFeasible ? 0 : 1;
  } catch (err) {
    return fail(err, BENCH_USAGE);
  }
}

export async function solveFileCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...common, format: { type: 'string' } },
    });
    if (values.help) {
      console.log(SOLVE_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one instance file');
    const format = values.format;
    if (format !== undefined && format !== 'solomon' && format !== 'vrplib') {
      throw new UsageError(`--format must be solomon or vrplib here, got "${format}"`);
    }
    const result = await solveInstanceFile(positionals[0], {
      format: format as InstanceFormat | undefined,
      timeLimitS: number(values['time-limit'], 'time-limit'),
      seed: number(values.seed, 'seed', 1),
      lp: !values['no-lp'],
      clock: clockOf(values.clock),
    });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(json);
    console.error(
      `${result.instance}: distance ${result.distance.toFixed(2)}, ${result.vehicles} vehicles, ` +
        `${result.feasible ? 'feasible' : `NOT feasible (${result.violations.length} violations, ${result.unserved.length} unserved)`}, ` +
        `CPU ${(result.cpuMs / 1000).toFixed(2)} s, wall ${(result.wallMs / 1000).toFixed(2)} s${values.out ? ` -> ${values.out}` : ''}`,
    );
    return result.feasible ? 0 : 1;
  } catch (err) {
    return fail(err, SOLVE_USAGE);
  }
}

function fail(err: unknown, usage: string): number {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`error: ${message}`);
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(usage);
    return 2;
  }
  return 1;
}
