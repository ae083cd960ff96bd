/**
 * API keys (issue 4). Only the SHA-256 of a key is stored, with its first characters so that a
 * person can tell keys apart; the key itself is shown once, when it is created.
 */
import type { Role } from '../auth/roles.ts';
import type { Db } from './db.ts';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The driver a driver key speaks for; null for other roles. */
  readonly driverId: string | null;
  /** First characters of the key, e.g. "tk_Ab3dE9", to recognise it. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly driverId: string | null;
  readonly hash: string;
  readonly prefix: string;
}

interface Row {
  id: string;
  name: string;
  role: Role;
  driver_id: string | null;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const COLUMNS = 'id, name, role, driver_id, prefix, created_at, revoked_at, last_used_at';

export type ApiKeyRepo = ReturnType<typeof apiKeyRepo>;

export function apiKeyRepo(db: Db, now: () => string = () => new Date().toISOString()) {
  const q = {
    insert: db.prepare(
      `INSERT INTO api_keys (id, name, role, driver_id, hash, prefix, created_at)
       VALUES (@id, @name, @role, @driverId, @hash, @prefix, @at)`,
    ),
    byHash: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE hash = ?`),
    byId: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`),
    all: db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`),
    revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    touch: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
  };
  return {
    create(key: NewApiKey): ApiKeyRecord {
      q.insert.run({ ...key, at: now() });
      return toRecord(q.byId.get(key.id) as Row);
    },
    /** The key with this hash, revoked or not (the caller decides what a revoked key gets). */
    byHash(hash: string): ApiKeyRecord | undefined {
      const row = q.byHash.get(hash) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    get(id: string): ApiKeyRecord | undefined {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    list(): ApiKeyRecord[] {
      return (q.all.all() as Row[]).map(toRecord);
    },
    /** False when the key is unknown or already revoked. */
    revoke(id: string): boolean {
      return q.revoke.run(now(), id).changes > 0;
    },
    touch(id: string, at: string = now()): void {
      q.touch.run(at, id);
    },
  };
}

function toRecord(r: Row): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    driverId: r.driver_id,
    prefix: r.prefix,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}
