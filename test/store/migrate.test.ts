import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkCompatible, latestVersion, migrate, MIGRATIONS_DIR, readMigrations } from '../../src/store/migrate.js';
import { useTempDir } from './helpers.js';

describe('migrations', () => {
  const tempDir = useTempDir();

  function migrationsDir(files: Record<string, string>): string {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    return dir;
  }

  it('ship as plain numbered .sql files next to the module, starting at 0001-init.sql', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort();
    expect(files[0]).toBe('0001-init.sql');
    expect(readMigrations().map((m) => m.name)).toEqual(files);
    for (const name of files) expect(name).toMatch(/^\d{4}-[a-z0-9-]+\.sql$/);
  });

  it('apply in numeric order with gaps, set user_version, and skip what is applied', () => {
    const dir = migrationsDir({
      '0010-second.sql': 'ALTER TABLE a ADD COLUMN y;',
      '0001-first.sql': 'CREATE TABLE a (x);',
      'README.md': 'not a migration',
      '0020-third.sql': 'CREATE INDEX a_y ON a (y);',
    });
    const migrations = readMigrations(dir);
    expect(migrations.map((m) => m.version)).toEqual([1, 10, 20]);
    expect(latestVersion(migrations)).toBe(20);
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 2))).toEqual([1, 10]);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(migrate(db, migrations)).toEqual([20]);
    expect(migrate(db, migrations)).toEqual([]);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'a_y'`).pluck().get()).toBe('a_y');
    db.close();
  });

  it('roll a failing migration back completely, keeping the previous version', () => {
    const dir = migrationsDir({
      '0001-first.sql': 'CREATE TABLE a (x);',
      '0002-broken.sql': 'CREATE TABLE b (x); INSERT INTO missing_table VALUES (1);',
    });
    const db = new Database(':memory:');
    expect(() => migrate(db, readMigrations(dir))).toThrow(/no such table: missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).pluck().get()).toBe(0);
    db.close();
  });

  it('refuse duplicate version numbers and an empty folder', () => {
    expect(() => readMigrations(migrationsDir({ '0001-a.sql': '', '0001-b.sql': '' }))).toThrow(/two migrations claim version 1/);
    expect(() => readMigrations(migrationsDir({}))).toThrow(/no migrations/);
  });

  it('checkCompatible accepts a fresh file and returns its version', () => {
    const db = new Database(':memory:');
    expect(checkCompatible(db, 'x.db', 1)).toBe(0);
    db.close();
  });
});
