/**
 * `tournee keys`: create, list and revoke API keys in the store the API uses (TOURNEE_DATA_DIR).
 *
 *   tournee keys create --role driver --driver driver-ev1 --name "Léa's phone"
 *   tournee keys list [--json]
 *   tournee keys revoke KEY_ID
 *
 * `create` prints the key alone on stdout (so `KEY=$(tournee keys create …)` works) and what it
 * is on stderr; the key is shown this once and only its hash is kept.
 */
import { CommandError, flags, UsageError } from '../cli/main.ts';
import { loadConfig } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';
import { createApiKey } from './keys.ts';
import { ROLES } from './roles.ts';

const USAGE = `usage:
  tournee keys create --role ${ROLES.join('|')} --name NAME [--driver DRIVER_ID] [--json]
  tournee keys list [--json]
  tournee keys revoke KEY_ID`;

export async function keysCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const store = () => openStore(loadConfig().dbFile);
  switch (sub) {
    case 'create':
      return withStore(store(), (s) => create(s, rest));
    case 'list':
      return withStore(store(), (s) => list(s, rest));
    case 'revoke':
      return withStore(store(), (s) => revoke(s, rest));
    default:
      throw new UsageError(sub ? `unknown keys command "${sub}"\n${USAGE}` : USAGE);
  }
}

function withStore(store: Store, fn: (s: Store) => number): number {
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function create(store: Store, argv: string[]): number {
  const { values, positionals } = flags({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      driver: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0 || !values.role || values.name === undefined) throw new UsageError(USAGE);
  const made = createApiKey(store.apiKeys, { role: values.role, name: values.name, driverId: values.driver });
  if (!made.ok) throw new UsageError(made.error);
  const { record, key } = made.value;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...record, key })}\n`);
  } else {
    const who = record.driverId ? ` for driver ${record.driverId}` : '';
    process.stderr.write(
      `created ${record.role} key ${record.id} "${record.name}"${who}\n` +
        'this is the only time the key is shown: store it now (Authorization: Bearer <key>)\n',
    );
    process.stdout.write(`${key}\n`);
  }
  return 0;
}

function list(store: Store, argv: string[]): number {
  const { values, positionals } = flags({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const keys = store.apiKeys.list();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(keys)}\n`);
    return 0;
  }
  if (keys.length === 0) {
    process.stderr.write('no API keys yet: tournee keys create --role admin --name "me"\n');
    return 0;
  }
  const rows = [
    ['ID', 'ROLE', 'DRIVER', 'NAME', 'KEY', 'CREATED', 'LAST USED', 'REVOKED'],
    ...keys.map((k) => [
      k.id,
      k.role,
      k.driverId ?? '-',
      k.name,
      `${k.prefix}…`,
      k.createdAt.slice(0, 16),
      k.lastUsedAt?.slice(0, 16) ?? '-',
      k.revokedAt?.slice(0, 16) ?? '-',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

function revoke(store: Store, argv: string[]): number {
  const { positionals } = flags({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const id = positionals[0];
  const key = store.apiKeys.get(id);
  if (!key) throw new CommandError(`no API key with id "${id}" (tournee keys list shows them)`);
  if (!store.apiKeys.revoke(id)) throw new CommandError(`key ${id} was already revoked at ${key.revokedAt}`);
  process.stderr.write(`revoked key ${id} "${key.name}": requests with it now get 401\n`);
  return 0;
}
