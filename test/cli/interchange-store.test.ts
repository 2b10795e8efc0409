import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storableExtras, storeImported } from '../../src/cli/commands/import-run.js';
import { csvLines, importSessionFile, writeJson, type ExtraChannel } from '../../src/store/formats/index.js';
import { openStore } from '../../src/store/index.js';
import { EXTRA_CHANNEL_SQL } from '../../src/store/repos/extra-channels.js';
import { tempDir } from '../helpers/cli.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';
import { demoSession } from '../store/formats/synthetic.js';
import { mulberry32 } from '../helpers/prng.js';

const extra = (data: number[], fields: Partial<ExtraChannel> = {}): ExtraChannel => ({ unit: 'mm', rate: 200, t0: 0, data: Float64Array.from(data), ...fields });

describe('store.extraChannels: source channels with no racecraft slot (table extra_channels, schema 3)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('stores channels in source order and gives them back bit for bit (NaN, -0, doubles)', () => {
    const store = openStore(':memory:');
    const id = store.sessions.create({ game: 'motec' }, { source: 'import', startedAt: 0 });
    const channels = {
      SUS_TRAVEL_LF: extra([1.5, Number.NaN, -0, 36.150000000000006]),
      Lat: extra([36.0614791, 36.0614792], { unit: 'deg', rate: 60, t0: 187.03333396915698, description: 'Latitude in decimal degrees' }),
      'Oil Press': extra([], { unit: 'kPa', rate: 10 }),
    };
    expect(store.extraChannels.save(id, channels)).toBe(3);
    expect(store.extraChannels.count(id)).toBe(3);
    expect(store.extraChannels.list(id)).toEqual([
      { name: 'SUS_TRAVEL_LF', unit: 'mm', rate: 200, t0: 0, samples: 4 },
      { name: 'Lat', unit: 'deg', rate: 60, t0: 187.03333396915698, description: 'Latitude in decimal degrees', samples: 2 },
      { name: 'Oil Press', unit: 'kPa', rate: 10, t0: 0, samples: 0 },
    ]);
    const back = store.extraChannels.load(id);
    expect(Object.keys(back)).toEqual(['SUS_TRAVEL_LF', 'Lat', 'Oil Press']);
    expect(Array.from(back['SUS_TRAVEL_LF']!.data)).toEqual([1.5, Number.NaN, -0, 36.150000000000006]);
    expect(Object.is(back['SUS_TRAVEL_LF']!.data[2], -0)).toBe(true);
    expect(back['Lat']).toEqual(channels.Lat);
    expect(Object.keys(store.extraChannels.load(id, ['Lat', 'nope']))).toEqual(['Lat']);
    store.close();
  });

  it('replaces a session\'s channels on save, keeps sessions apart, and goes with its session', () => {
    const store = openStore(':memory:');
    const a = store.sessions.create({ game: 'motec' }, { source: 'import', startedAt: 0 });
    const b = store.sessions.create({ game: 'motec' }, { source: 'import', startedAt: 1 });
    store.extraChannels.save(a, { X: extra([1]), Y: extra([2]) });
    store.extraChannels.save(b, { Z: extra([3]) });
    store.extraChannels.save(a, { Y: extra([4]) });
    expect(store.extraChannels.list(a).map((c) => c.name)).toEqual(['Y']);
    expect(Array.from(store.extraChannels.load(a)['Y']!.data)).toEqual([4]);
    expect(store.sessions.delete(a)).toBe(true);
    expect(store.extraChannels.count(a)).toBe(0);
    expect(store.extraChannels.count(b)).toBe(1);
    store.close();
  });

  it('refuses a channel it cannot place in time (a caller bug), and the importer drops those with a warning first', () => {
    const store = openStore(':memory:');
    const id = store.sessions.create({ game: 'csv' }, { source: 'import', startedAt: 0 });
    expect(() => store.extraChannels.save(id, { Bad: extra([1], { rate: 0 }) })).toThrow("extra channel 'Bad': rate must be a positive number of Hz, got 0");
    expect(store.extraChannels.count(id)).toBe(0);
    const { channels, warnings } = storableExtras({ Good: extra([1]), NoRate: extra([1], { rate: Number.NaN }), NoStart: extra([2], { t0: Number.NaN }) });
    expect(Object.keys(channels)).toEqual(['Good', 'NoStart']);
    expect(channels['NoStart']!.t0).toBe(0);
    expect(warnings).toEqual(["extra channel 'NoRate' has no usable sample rate (NaN); not stored"]);
    store.close();
  });

  it('reads a session\'s channels through the primary key index', () => {
    const path = join(tmp.dir, 'plans.db');
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    for (const sql of [EXTRA_CHANNEL_SQL.list, EXTRA_CHANNEL_SQL.load, EXTRA_CHANNEL_SQL.count, EXTRA_CHANNEL_SQL.deleteSession]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan, sql).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_extra_channels_1 \(session_id=\?\)/);
    }
    db.close();
  });
});

/**
 * The whole `racecraft import` path in process (reader → lap checks → store), on mutated files:
 * whatever the bytes, the only errors are the one-line kinds (FormatError, UserError). The
 * readers have their own fuzz (test/store/formats/fuzz.test.ts); this one covers what the CLI
 * adds between reader and store, where a NaN lap time or an extra channel without a rate used
 * to surface as an internal error.
 */
describeShared('racecraft import path fuzzed: nothing but a one-line error escapes', () => {
  const store = openStore(':memory:');
  afterAll(() => store.close());

  /** What `racecraft import FILE` does with the bytes, minus reading the file. */
  function run(name: string, bytes: Uint8Array): 'stored' | 'refused' {
    try {
      storeImported(store, importSessionFile(name, bytes), name);
      return 'stored';
    } catch (error) {
      const kind = (error as Error).name;
      if (kind !== 'FormatError' && kind !== 'UserError') throw new Error(`${name}: ${kind} escaped: ${(error as Error).stack}`);
      return 'refused';
    }
  }

  /** Truncate, overwrite a few 32-bit words or flip bytes, mostly in the first `hot` bytes. */
  function mutate(source: Uint8Array, rnd: () => number, hot: number): Uint8Array {
    const kind = rnd();
    if (kind < 0.2) return source.slice(0, Math.floor(rnd() * source.length));
    const out = source.slice();
    const count = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < count; i++) {
      const at = Math.floor((rnd() < 0.7 ? rnd() * Math.min(hot, out.length) : rnd() * out.length) / 4) * 4;
      if (kind < 0.6) new DataView(out.buffer).setUint32(Math.min(at, out.length - 4), [0, 1, 0x40, 0xffff, 0x7fffffff, 0xffffffff][Math.floor(rnd() * 6)]!, true);
      else out[at] = Math.floor(rnd() * 256);
    }
    return out;
  }

  it.each([
    ['20230404_1316.ld', 120, ['formats', 'motec-ld', 'gt6', '20230404_1316.ld'], 12_000],
    ['valid_test_file.ibt', 80, ['formats', 'ibt', 'valid_test_file.ibt'], 60_000],
    ['blakely1hz.csv', 300, ['formats', 'csv', 'motec-i2-export', 'gt6', 'blakely1hz.csv'], 2_000],
  ] as const)('%s, %i mutations', (name, rounds, path, hot) => {
    const source = readFileSync(requireSharedFile(...path));
    const rnd = mulberry32(rounds * 7919 + hot);
    for (let i = 0; i < rounds; i++) run(name, mutate(source, rnd, hot));
  });

  it('racecraft CSV, 300 mutations', () => {
    const source = new TextEncoder().encode(Array.from(csvLines(demoSession({ laps: 1, rate: 10 }).laps)).join(''));
    const rnd = mulberry32(11);
    for (let i = 0; i < 300; i++) run('x.csv', mutate(source, rnd, 4_000));
  });

  it('racecraft JSON, 400 structural mutations (values replaced by null, strings, extremes, or removed)', () => {
    const doc = JSON.parse(writeJson({ ...demoSession({ laps: 1, rate: 5 }), extraChannels: { Boost: extra([1, 2, 3], { unit: 'bar', rate: 10 }) } })) as unknown;
    const replacements: unknown[] = [null, '', 'x', -1, 0, 1e308, -1e308, 3.5, true, {}, [], [null]];
    const rnd = mulberry32(5);
    const counts = { stored: 0, refused: 0 };
    for (let i = 0; i < 400; i++) {
      const copy = structuredClone(doc) as Record<string, unknown>;
      for (let m = 0; m < 1 + Math.floor(rnd() * 3); m++) {
        // Walk down to a random member and replace (or delete) it; most walks start at a lap
        // record or an extra channel, the parts the CLI stores field by field.
        const laps = copy['laps'] as { lap: unknown }[] | undefined;
        const start = rnd();
        let node: unknown =
          start < 0.5 && Array.isArray(laps) && laps.length > 0 ? laps[Math.floor(rnd() * laps.length)] : start < 0.7 ? copy['extraChannels'] : copy;
        let parent: Record<string, unknown> | unknown[] | undefined;
        let key: string | number | undefined;
        while (typeof node === 'object' && node !== null && rnd() < 0.8) {
          const keys: (string | number)[] = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
          if (keys.length === 0) break;
          parent = node as Record<string, unknown>;
          key = keys[Math.floor(rnd() * keys.length)]!;
          node = (parent as Record<string | number, unknown>)[key];
        }
        if (parent === undefined || key === undefined) continue;
        if (rnd() < 0.15 && !Array.isArray(parent)) delete parent[key as string];
        else (parent as Record<string | number, unknown>)[key] = replacements[Math.floor(rnd() * replacements.length)];
      }
      counts[run('x.json', new TextEncoder().encode(JSON.stringify(copy)))]++;
    }
    // Mutations that keep the document valid are stored; the rest are refused in one line.
    expect(counts.stored).toBeGreaterThan(50);
    expect(counts.refused).toBeGreaterThan(50);
  });
});
