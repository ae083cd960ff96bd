/**
 * API keys: 256 random bits, written "tk_" + base64url. The store keeps only their SHA-256.
 * A fast hash is the right one here: a key is not a password a person chose, so there is no
 * dictionary to try, and the 2^256 guesses needed are out of reach of any hash speed; a slow
 * password hash (scrypt, bcrypt) would only cost every API call tens of milliseconds.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../model/issues.ts';
import type { ApiKeyRecord, ApiKeyRepo } from '../store/apiKeys.ts';
import { ROLES, type Role } from './roles.ts';

export const KEY_PREFIX = 'tk_';
const KEY_SHAPE = /^tk_[A-Za-z0-9_-]{43}$/;
const DRIVER_ID = /^\S(.{0,126}\S)?$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when the text could be a key at all (saves a store lookup for garbage). */
export function looksLikeKey(text: string): boolean {
  return KEY_SHAPE.test(text);
}

export interface KeySpec {
  readonly role: string;
  readonly name: string;
  readonly driverId?: string | null;
}

export interface CreatedKey {
  readonly record: ApiKeyRecord;
  /** The key itself: shown once, never stored. */
  readonly key: string;
}

/** Checks a key request; the message says what to fix. */
export function checkKeySpec(spec: KeySpec): Result<{ role: Role; name: string; driverId: string | null }, string> {
  if (!(ROLES as readonly string[]).includes(spec.role)) {
    return err(`unknown role "${spec.role}"; one of ${ROLES.join(', ')}`);
  }
  const role = spec.role as Role;
  const name = spec.name.trim();
  if (name.length === 0 || name.length > 100)
    return err('give the key a name of 1 to 100 characters (who or what uses it)');
  const driverId = spec.driverId?.trim() || null;
  if (role === 'driver' && !driverId)
    return err('a driver key needs the driver it speaks for (--driver ID, the driverId of the vehicles)');
  if (role !== 'driver' && driverId) return err(`only driver keys name a driver; a ${role} key sees every driver`);
  if (driverId && !DRIVER_ID.test(driverId))
    return err('the driver id is 1 to 128 characters without surrounding spaces');
  return ok({ role, name, driverId });
}

export function createApiKey(repo: ApiKeyRepo, spec: KeySpec): Result<CreatedKey, string> {
  const checked = checkKeySpec(spec);
  if (!checked.ok) return checked;
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const id = `key-${randomUUID().slice(0, 8)}`;
  const record = repo.create({ id, ...checked.value, hash: hashKey(key), prefix: key.slice(0, 10) });
  return ok({ record, key });
}
