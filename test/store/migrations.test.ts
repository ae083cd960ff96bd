import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { openStore } from '../../src/store/index.ts';
import { appliedMigrations, MIGRATIONS, type Migration, migrate, schemaVersion } from '../../src/store/migrations.ts';
import { tempDir } from '../support/tempDir.ts';

const dirs: { remove(): void }[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir.path, 'nested', 'tournee.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('schema migrations', () => {
  it('creates the file (and its directory), applies every migration once and records it', () => {
    const file = dbFile();
    const db = openDatabase(file);
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(appliedMigrations(db).map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const again = openDatabase(file);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('applies only the migrations that are new, in order, each in its own transaction', () => {
    const db = openDatabase(dbFile());
    migrate(db);
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'a next table',
      up: (d) => d.exec('CREATE TABLE next_table (id TEXT PRIMARY KEY)'),
    };
    expect(migrate(db, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'next_table'").get()).toBeTruthy();

    const broken: Migration = {
      version: next.version + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (id TEXT)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, next, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(next.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer tournee, and misnumbered migrations', () => {
    const db = openDatabase(dbFile());
    const future: Migration = { version: MIGRATIONS.length + 1, name: 'future', up: () => {} };
    migrate(db, [...MIGRATIONS, future]);
    expect(() => migrate(db)).toThrow(/schema version .* only knows up to/);
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => {} }])).toThrow(/expected 1/);
    db.close();
  });

  it('opens a store whose ping runs a real query and fails once the file is closed', () => {
    const store = openStore(dbFile());
    expect(() => store.ping()).not.toThrow();
    store.close();
    expect(() => store.ping()).toThrow();
  });
});
