import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../../src/engine/model/index.js';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { ndjsonLines, readNdjson } from '../../../../src/store/formats/json/ndjson.js';
import { readJson } from '../../../../src/store/formats/json/read.js';
import { SESSION_SCHEMA } from '../../../../src/store/formats/json/schema.js';
import { jsonChunks, writeJson } from '../../../../src/store/formats/json/write.js';
import type { ImportedSession } from '../../../../src/store/formats/types.js';
import { demoSession, halfUlp } from '../synthetic.js';

function expectSameSession(back: ImportedSession, original: ImportedSession): void {
  expect(back.session).toEqual(original.session);
  expect(back.laps.map((l) => l.lap)).toEqual(original.laps.map((l) => l.lap));
  back.laps.forEach((l, k) => {
    const o = original.laps[k]!;
    expect(l.trace.length).toBe(o.trace.length);
    expect(Object.keys(l.trace.channels).sort()).toEqual(Object.keys(o.trace.channels).sort());
    for (let i = 0; i < l.trace.length; i++) {
      if (!(Math.abs(l.trace.t[i]! - o.trace.t[i]!) <= 5e-7)) expect.fail(`t[${i}] differs`);
      for (const name of Object.keys(o.trace.channels) as ChannelName[]) {
        const d = Math.abs(l.trace.channels[name]![i]! - o.trace.channels[name]![i]!);
        if (!(d <= halfUlp(name) + 1e-5)) expect.fail(`${name}[${i}] differs by ${d}`);
      }
    }
  });
}

describe('racecraft JSON and NDJSON', () => {
  const demo = demoSession();
  demo.meta = { source: 'test' };
  demo.extraChannels = { Boost: { unit: 'bar', rate: 10, t0: 100, data: Float64Array.from([1.25, Number.NaN, 1.0000000001]), description: 'turbo' } };
  demo.sourceChannels = [{ name: 'Boost', unit: 'bar', rate: 10, samples: 3 }];

  it('JSON round-trips session, laps (exactly), channels within precision, extras at full precision', () => {
    const text = writeJson(demo);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc['schema']).toBe(SESSION_SCHEMA);
    expect(Object.keys(doc)).toEqual(['schema', 'session', 'startedAt', 'meta', 'warnings', 'channels', 'laps', 'sourceChannels', 'extraChannels']);
    expect((doc['channels'] as Record<string, unknown>)['speed']).toEqual({ unit: 'm/s', kind: 'continuous', decimals: 3 });
    const back = readJson(text);
    expectSameSession(back, demo);
    expect(back.startedAt).toBe(demo.startedAt);
    expect(back.meta).toEqual({ source: 'test' });
    expect(back.sourceChannels).toEqual(demo.sourceChannels);
    expect(Array.from(back.extraChannels!['Boost']!.data)).toEqual([1.25, Number.NaN, 1.0000000001]);
    expect(back.extraChannels!['Boost']!.description).toBe('turbo');
    // Streaming pieces: head, one per lap, tail pieces; together the same document.
    expect(Array.from(jsonChunks(demo)).join('')).toBe(text);
  });

  it('NDJSON streams one frame per line and reads back the same laps', () => {
    const lines = Array.from(ndjsonLines(demo));
    const frames = demo.laps.reduce((n, l) => n + l.trace.length, 0);
    expect(lines.length).toBe(1 + demo.laps.length + frames);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const frame = JSON.parse(lines[2]!) as Record<string, unknown>;
    expect(Object.keys(frame)).toEqual(['type', 't', 'lap', ...CHANNEL_NAMES]);
    expect(frame).toMatchObject({ type: 'frame', t: 100, lap: 0 });
    expectSameSession(readNdjson(lines.join('')), demo);
  });

  it('NDJSON omits a missing value instead of writing null or 0', () => {
    const one = demoSession({ laps: 1 });
    one.laps[0]!.trace.channels.speed![1] = Number.NaN;
    const lines = Array.from(ndjsonLines(one));
    expect(lines[3]).not.toContain('"speed"');
    expect(readNdjson(lines.join('')).laps[0]!.trace.channels.speed![1]).toBeNaN();
  });

  it('rejects wrong or damaged documents with a FormatError naming the problem', () => {
    expect(() => readJson('{"schema":"other/1"}', { file: 's.json' })).toThrow(new FormatError('invalid racecraft session JSON: $.schema is "other/1", expected "racecraft.session/1"', 's.json'));
    expect(() => readJson('{"schema":')).toThrow(/^not valid JSON/);
    const text = writeJson(demoSession({ laps: 1 })).replace('"samples":', '"samples":1');
    expect(() => readJson(text)).toThrow(/\$\.laps\[0\]\.t has \d+ values, expected 1\d+/);
    expect(() => readJson(JSON.stringify({ schema: SESSION_SCHEMA, session: { game: 'nope' }, laps: [] }))).toThrow("$.session.game 'nope' is not a known game id");
    expect(() => readNdjson('{"type":"frame","t":1}\n')).toThrow(/not racecraft NDJSON/);
    expect(() => readNdjson('')).toThrow(new FormatError('empty NDJSON (no session line)'));
  });
});
