/**
 * `tournee` command line. Each command is a small function; flags override the environment
 * (see src/config.ts for every variable).
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { startServer } from '../api/server.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger, errorMessage } from '../log.ts';
import { redactUrl } from '../queue/planQueue.ts';
import { solveCommand } from './solve.ts';
import { submitCommand } from './submit.ts';

const USAGE = `tournee — delivery tour planning

  tournee serve  [--host H] [--port N]        the HTTP API (and the listener that stores results)
  tournee worker [--concurrency N]            a solve worker; run as many as you like
  tournee solve FILE [--time-limit S] [--out result.json] [--format json|solomon|vrplib]
                                              solve one day here, without Redis or the API
  tournee submit FILE [--url URL] [--wait] [--out result.json]
                                              send a day to a running API and print its plan
  tournee bench [...]                         the benchmark (see README)
  tournee keys create --role R --name N [--driver ID] | list | revoke ID
                                              API keys (roles planner, driver, manager, admin)

Configuration comes from environment variables (REDIS_URL, TOURNEE_DATA_DIR, …): see README.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'worker':
        return await worker(rest);
      case 'solve':
        return await solveCommand(rest);
      case 'submit':
        return await submitCommand(rest);
      case 'bench':
        return await delegate('../bench/cli.ts', 'benchCommand', rest);
      case 'keys':
        return await delegate('../auth/cli.ts', 'keysCommand', rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      case '--version':
      case 'version':
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      default:
        process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`tournee ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CommandError) {
      process.stderr.write(`tournee ${command}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`tournee ${command}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the message explains fully (no stack trace needed). */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** parseArgs with errors turned into usage errors. */
export function flags<const T extends ParseArgsConfig>(spec: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(spec);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
}

async function serve(argv: string[]): Promise<number> {
  const { values } = flags({ args: argv, options: { host: { type: 'string' }, port: { type: 'string' } } });
  const env = { ...process.env };
  if (values.host) env.TOURNEE_HOST = values.host;
  if (values.port) env.TOURNEE_PORT = values.port;
  const config = loadConfig(env);
  const log = createLogger('api');
  const server = await startServer(config, log);
  log.info(`listening on ${server.url}`, { store: config.dbFile, redis: redactUrl(config.redisUrl) });
  await untilSignal(log, () => server.close());
  return 0;
}

async function worker(argv: string[]): Promise<number> {
  const { values } = flags({ args: argv, options: { concurrency: { type: 'string' } } });
  const env = { ...process.env };
  if (values.concurrency) env.TOURNEE_WORKER_CONCURRENCY = values.concurrency;
  const config = loadConfig(env);
  const log = createLogger('worker');
  const { startWorker } = await import('../../workers/worker.ts');
  const running = startWorker(config, log);
  await untilSignal(log, (second) => running.close(second));
  return 0;
}

/**
 * Waits for SIGINT/SIGTERM, then shuts down gracefully; a second signal forces it (a worker
 * then drops its solve, which another worker takes up again).
 */
function untilSignal(log: ReturnType<typeof createLogger>, shutdown: (force: boolean) => Promise<void>) {
  return new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 2) process.exit(1);
      const force = signals > 1;
      log.info(force ? `${signal} again: stopping now` : `${signal}: finishing current work, then stopping`);
      shutdown(force)
        .catch((e) => log.error('shutdown failed', { error: errorMessage(e) }))
        .finally(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Runs a command that another part of tournee provides (loaded only when used). */
export async function delegate(modulePath: string, exportName: string, argv: string[]): Promise<number> {
  const specifier: string = modulePath;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(new URL(specifier, import.meta.url).href)) as Record<string, unknown>;
  } catch (e) {
    throw new CommandError(`this command is not available in this build (${modulePath}: ${errorMessage(e)})`);
  }
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new CommandError(`${modulePath} does not export ${exportName}`);
  const code = await (fn as (argv: string[]) => unknown)(argv);
  return typeof code === 'number' ? code : 0;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
