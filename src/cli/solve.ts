/**
 * `tournee solve FILE`: one day solved here, no Redis, no API. The solve runs in a worker thread
 * (as in a worker) so the compute cap is hard and Ctrl-C stops the search and still writes the
 * best plan found so far. Other formats (Solomon, VRPLIB) belong to the benchmark tooling.
 */
import { writeFileSync } from 'node:fs';
import { startSolve } from '../../workers/runSolve.ts';
import { loadConfig } from '../config.ts';
import type { PlanRequest } from '../model/schema.ts';
import { InputError, readPlanRequest } from './input.ts';
import { delegate, flags, UsageError } from './main.ts';
import { formatSummary } from './summary.ts';

export async function solveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = flags({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      'time-limit': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const format = typeof values.format === 'string' ? values.format : 'json';
  if (format === 'solomon' || format === 'vrplib') return delegate('../bench/cli.ts', 'solveFileCommand', argv);
  if (format !== 'json') throw new UsageError(`unknown --format "${format}" (json, solomon or vrplib)`);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('usage: tournee solve FILE [--time-limit S] [--out result.json]');
  const config = loadConfig();

  let request = readRequest(file);
  const timeLimit = numberFlag(values['time-limit'], '--time-limit', 0.1, config.capSeconds);
  const seed = numberFlag(values.seed, '--seed', 0, 2 ** 31 - 1);
  request = {
    ...request,
    settings: {
      ...request.settings,
      ...(timeLimit !== undefined ? { timeLimitSeconds: timeLimit } : {}),
      ...(seed !== undefined ? { seed: Math.floor(seed) } : {}),
    },
  };

  const quiet = values.quiet === true;
  const say = (s: string) => {
    if (!quiet) process.stderr.write(s);
  };
  say(`solving ${request.orders.length} orders with ${request.vehicles.length} vehicles, `);
  say(
    `up to ${Math.min(request.settings.timeLimitSeconds, config.capSeconds)} s (Ctrl-C: stop and keep the best plan)\n`,
  );
  const run = startSolve(request, {
    capSeconds: config.capSeconds,
    graceSeconds: config.capGraceSeconds,
    heapMb: config.solveHeapMb,
    onProgress: (p) => {
      const best = p.bestObjective === null ? '—' : p.bestObjective.toFixed(2);
      say(`\r  ${(p.elapsedMs / 1000).toFixed(1)} s  best ${best}  iterations ${p.iterations}   `);
    },
  });
  const onSigint = () => {
    if (run.stopRequested()) process.exit(130);
    say('\n  stopping; keeping the best plan so far (Ctrl-C again to abandon)\n');
    run.stop('cancel');
  };
  process.on('SIGINT', onSigint);
  const outcome = await run.done;
  process.off('SIGINT', onSigint);
  say('\n');
  if (outcome.kind !== 'result') {
    process.stderr.write(`solve failed: ${outcome.message}\n`);
    return 1;
  }
  const json = `${JSON.stringify(outcome.result, null, 2)}\n`;
  if (typeof values.out === 'string') {
    writeFileSync(values.out, json);
    say(`${formatSummary(outcome.result, request)}\n\nplan written to ${values.out}\n`);
  } else {
    process.stdout.write(json);
    say(`${formatSummary(outcome.result, request)}\n`);
  }
  return 0;
}

function readRequest(file: string): PlanRequest {
  try {
    return readPlanRequest(file);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
}

function numberFlag(raw: unknown, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`${name} expects a number from ${min} to ${max}`);
  }
  return v;
}
