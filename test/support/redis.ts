/**
 * A real Redis for the tests: Debian's redis-server started as a child process on a free
 * loopback port, with AOF on and its data in a temp directory, so a restart keeps what was queued.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tempDir } from './tempDir.ts';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Stops Redis: SIGTERM is a clean shutdown (AOF flushed), SIGKILL a crash. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops, removes the data directory. */
  destroy(): Promise<void>;
}

export function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'redis-server is not installed: the queue tests need a real Redis. Run `bash scripts/test.sh` ' +
        '(it installs it) or `apt-get install -y redis-server`.',
    );
  }
}

export async function startRedis(): Promise<TestRedis> {
  const bin = redisServerPath();
  const port = await freePort();
  const data = tempDir('tournee-redis-');
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', data.path, '--appendonly', 'yes'];
    args.push('--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--loglevel', 'warning');
    const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (b) => (output += b));
    proc.stderr?.on('data', (b) => (output += b));
    child = proc;
    await waitForPing(port, proc, () => output);
  };

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await exited;
    child = null;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir: data.path,
    stop,
    start,
    async destroy() {
      await stop('SIGKILL');
      data.remove();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, proc: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited (${proc.exitCode}): ${output()}`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${output()}`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (b) => {
      reply += b;
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
