import { describe, expect, it } from 'vitest';
import { createF1Decoder, createF1Encoder } from '../../../../src/engine/games/f1/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import { DEMO_FRAME, DEMO_SESSION } from './demo-tick.js';

type Tick = { motion: Uint8Array; session?: Uint8Array; lap: Uint8Array; participants?: Uint8Array; telemetry: Uint8Array; status: Uint8Array };

/** The packets of one encoded tick, by name. */
function tickOf(packets: readonly Uint8Array[]): Tick {
  const byId = new Map(packets.map((p) => [p[6]!, p]));
  return { motion: byId.get(0)!, session: byId.get(1), lap: byId.get(2)!, participants: byId.get(4), telemetry: byId.get(6)!, status: byId.get(7)! };
}

function ticks(count: number, options: Parameters<typeof createF1Encoder>[0] = {}): Tick[] {
  const encoder = createF1Encoder(options);
  return Array.from({ length: count }, (_, i) => tickOf(encoder.encode({ ...DEMO_FRAME, t: 10 + i / 60, lapDistance: 100 + i }, DEMO_SESSION)));
}

function kinds(results: readonly DecodeResult[]): string[] {
  return results.map((r) => r.kind);
}

function framesOf(results: readonly DecodeResult[]): TelemetryFrame[] {
  return results.flatMap((r) => (r.kind === 'frame' ? [r.frame] : []));
}

function edit(packet: Uint8Array, change: (v: DataView) => void): Uint8Array {
  const copy = packet.slice();
  change(new DataView(copy.buffer));
  return copy;
}

function errorOf(results: readonly DecodeResult[]): { code: string; detail: string } | undefined {
  const r = results.find((x) => x.kind === 'error');
  return r?.kind === 'error' ? r.error : undefined;
}

describe('F1 decoder: packets it refuses', () => {
  const [t] = ticks(1);
  const motion = t!.motion;

  it('too short for a format / for a header', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(new Uint8Array(0)))?.code).toBe('too-short');
    expect(errorOf(decoder.decode(new Uint8Array([0xe9]))))?.toMatchObject({ code: 'too-short' });
    expect(errorOf(decoder.decode(motion.subarray(0, 28)))?.code).toBe('too-short');
  });

  it('F1 22 and older (24-byte header) → unsupported-version telling the user what to set', () => {
    // A real F1 22 header: format 2022, gameMajor, gameMinor, packetVersion, packetId @5 …
    const f122 = new Uint8Array(1464);
    new DataView(f122.buffer).setUint16(0, 2022, true);
    const e = errorOf(createF1Decoder().decode(f122));
    expect(e?.code).toBe('unsupported-version');
    expect(e?.detail).toContain('F1 22 or older');
    expect(e?.detail).toContain('2023, 2024 or 2025');
    expect(errorOf(createF1Decoder().decode(edit(motion, (v) => v.setUint16(0, 2019, true))))?.code).toBe('unsupported-version');
    expect(errorOf(createF1Decoder().decode(edit(motion, (v) => v.setUint16(0, 2026, true))))?.code).toBe('unsupported-version');
  });

  it('not an F1 format → bad-format', () => {
    expect(errorOf(createF1Decoder().decode(edit(motion, (v) => v.setUint16(0, 0x1234, true))))?.code).toBe('bad-format');
  });

  it('unknown packet id for the format → bad-value (14 does not exist in 2023, 15 only in 2025, 16+ never)', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(edit(motion, (v) => v.setUint8(6, 16))))?.code).toBe('bad-value');
    const f2023 = ticks(1, { format: 2023 })[0]!.motion;
    expect(errorOf(decoder.decode(edit(f2023, (v) => v.setUint8(6, 14))))?.detail).toBe('unknown packet id 14 for format 2023');
    const f2024 = ticks(1, { format: 2024 })[0]!.motion;
    expect(errorOf(decoder.decode(edit(f2024, (v) => v.setUint8(6, 15))))?.code).toBe('bad-value');
  });

  it('size not the exact size of the id → bad-size (truncated and padded)', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(motion.subarray(0, 1348)))?.detail).toBe('motion packet (id 0) of format 2025 is 1349 bytes, got 1348');
    const padded = new Uint8Array(1350);
    padded.set(motion);
    expect(errorOf(decoder.decode(padded))?.code).toBe('bad-size');
    // A 2024 lap packet (1285 bytes) labelled 2023 (1131 bytes).
    expect(errorOf(decoder.decode(edit(t!.lap, (v) => v.setUint16(0, 2023, true))))?.code).toBe('bad-size');
  });

  it('player index that is not a slot → bad-value; 255 (spectating) → skip', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(edit(motion, (v) => v.setUint8(27, 22))))?.code).toBe('bad-value');
    expect(decoder.decode(edit(motion, (v) => v.setUint8(27, 255)))).toEqual([{ kind: 'skip', reason: 'no player car (spectating)' }]);
  });

  it('non-finite session time or flashback time → bad-value', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(edit(motion, (v) => v.setFloat32(15, NaN, true))))?.code).toBe('bad-value');
    const flbk = createF1Encoder().encodeFlashbackEvent(5);
    expect(errorOf(decoder.decode(edit(flbk, (v) => v.setFloat32(37, Infinity, true))))?.code).toBe('bad-value');
  });

  it('a refused packet changes nothing (no new session from a bad packet)', () => {
    const decoder = createF1Decoder();
    expect(errorOf(decoder.decode(motion.subarray(0, 100)))).toBeDefined();
    expect(kinds(decoder.decode(motion))).toEqual(['new-session', 'session']);
  });
});

describe('F1 decoder: frame assembly', () => {
  it('one frame per frame identifier, emitted by the fourth packet, whatever their order', () => {
    const orders = [
      ['motion', 'lap', 'telemetry', 'status'],
      ['status', 'telemetry', 'lap', 'motion'],
      ['lap', 'motion', 'status', 'telemetry'],
    ] as const;
    for (const order of orders) {
      const decoder = createF1Decoder();
      const [a, b] = ticks(2);
      const counts = [a!, b!].flatMap((tick) => order.map((name) => framesOf(decoder.decode(tick[name])).length));
      expect(counts, order.join(',')).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
    }
  });

  it('a lost packet: the incomplete frame comes out with the next frame\'s first packet, without the lost channels', () => {
    const decoder = createF1Decoder();
    const [a, b] = ticks(2);
    for (const p of [a!.motion, a!.lap, a!.telemetry]) expect(framesOf(decoder.decode(p))).toEqual([]);
    const flushed = framesOf(decoder.decode(b!.motion));
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.t).toBeCloseTo(10, 5);
    expect(flushed[0]!.fuel).toBeUndefined();
    expect(flushed[0]!.speed).toBeCloseTo(70, 5); // |world velocity| at float32
    expect('fuel' in flushed[0]!).toBe(false);
  });

  it('a lost Lap Data packet: the previous lap number is kept; before any lap data there is no frame', () => {
    const decoder = createF1Decoder();
    const [a, b, c] = ticks(3);
    for (const p of [a!.motion, a!.telemetry, a!.status]) decoder.decode(p);
    // Frame a had no lap data and no lap was known: dropped when b starts.
    expect(framesOf(decoder.decode(b!.motion))).toEqual([]);
    for (const p of [b!.lap, b!.telemetry]) decoder.decode(p);
    const fromB = framesOf(decoder.decode(b!.status));
    expect(fromB.map((f) => f.lap)).toEqual([3]);
    for (const p of [c!.motion, c!.telemetry, c!.status]) decoder.decode(p);
    const next = framesOf(decoder.decode(ticks(4)[3]!.motion));
    expect(next).toHaveLength(1);
    expect(next[0]!.lap).toBe(3);
    expect(next[0]!.lapDistance).toBeUndefined();
  });

  it('duplicates and late packets of an emitted or older frame are skipped, never a second frame', () => {
    const decoder = createF1Decoder();
    const [a, b] = ticks(2);
    for (const p of [a!.motion, a!.lap, a!.telemetry, a!.status]) decoder.decode(p);
    expect(decoder.decode(a!.status)).toEqual([{ kind: 'skip', reason: 'late packet of a frame already emitted' }]);
    decoder.decode(b!.motion);
    expect(decoder.decode(a!.lap)).toEqual([{ kind: 'skip', reason: 'late packet of a frame already emitted' }]);
    let emitted = 0;
    for (const p of [b!.lap, b!.telemetry, b!.status, b!.status, a!.motion]) emitted += framesOf(decoder.decode(p)).length;
    expect(emitted).toBe(1);
  });

  it('the player is the slot m_playerCarIndex (19), with a single active car', () => {
    const decoder = createF1Decoder();
    const [a] = ticks(1, { playerCarIndex: 19 });
    const results = [a!.motion, a!.session!, a!.lap, a!.participants!, a!.telemetry, a!.status].flatMap((p) => [...decoder.decode(p)]);
    expect(a!.participants![29]).toBe(1); // m_numActiveCars
    expect(framesOf(results)[0]!.rpm).toBe(11500);
    const news = results.flatMap((r) => (r.kind === 'session' ? [r.session] : []));
    expect(news.at(-1)?.driver).toBe('Demo Driver');
  });

  it('reads packets that are views into one larger buffer at odd offsets (one DataView reused)', () => {
    const [a] = ticks(1);
    const parts = [a!.motion, a!.lap, a!.telemetry, a!.status];
    const big = new Uint8Array(parts.reduce((n, p) => n + p.length + 3, 0));
    const views: Uint8Array[] = [];
    let offset = 3;
    for (const p of parts) {
      big.set(p, offset);
      views.push(big.subarray(offset, offset + p.length));
      offset += p.length + 3;
    }
    const decoder = createF1Decoder();
    const frame = framesOf(views.flatMap((p) => [...decoder.decode(p)]))[0]!;
    expect(frame.rpm).toBe(11500);
    expect(frame.lapDistance).toBe(100);
    expect(frame.fuel).toBe(42.5);
  });

  it('legacy 2023 output (overall frame id 0): assembles on m_frameIdentifier, also after it goes back', () => {
    const decoder = createF1Decoder();
    const zeroOverall = (p: Uint8Array, frameId: number): Uint8Array =>
      edit(p, (v) => {
        v.setUint32(19, frameId, true);
        v.setUint32(23, 0, true);
      });
    const [a, b] = ticks(2, { format: 2023 });
    let frames = 0;
    for (const [tick, id] of [[a!, 500], [b!, 501], [a!, 450]] as const) {
      for (const p of [tick.motion, tick.lap, tick.telemetry, tick.status]) frames += framesOf(decoder.decode(zeroOverall(p, id))).length;
    }
    expect(frames).toBe(3);
  });
});

describe('F1 decoder: session news, new sessions, flashbacks', () => {
  it('session news only when something changed: 4 reports over 10 s of 60 Hz packets', () => {
    const encoder = createF1Encoder();
    const decoder = createF1Decoder();
    const reports: string[][] = [];
    for (let i = 0; i < 600; i++) {
      for (const p of encoder.encode({ ...DEMO_FRAME, t: i / 60 }, DEMO_SESSION)) {
        for (const r of decoder.decode(p)) if (r.kind === 'session') reports.push(Object.keys(r.session).sort());
      }
    }
    // game+format+id (first motion), +5 from Session, +3 from Participants, +maxRpm/gearCount (Car Status); nothing after.
    expect(reports.map((keys) => keys.length)).toEqual([3, 8, 11, 13]);
    expect(reports[3]).toContain('maxRpm');
  });

  it('a changed track length is reported; an unknown track id later does not erase the known track', () => {
    const decoder = createF1Decoder();
    const [a] = ticks(1);
    decoder.decode(a!.session!);
    const longer = decoder.decode(edit(a!.session!, (v) => v.setUint16(33, 5800, true)));
    expect(longer).toHaveLength(1);
    expect(longer[0]?.kind === 'session' && longer[0].session.trackLength).toBe(5800);
    expect(decoder.decode(edit(a!.session!, (v) => {
      v.setUint16(33, 5800, true);
      v.setInt8(36, -1);
    }))).toEqual([]);
  });

  it('session type table by game: 10 is a race in F1 23, a sprint shootout in F1 24/25; 18 is nothing in F1 23', () => {
    const typeOf = (gameYear: number, value: number): string | undefined => {
      const [a] = ticks(1, { format: 2023 });
      const packet = edit(a!.session!, (v) => {
        v.setUint8(2, gameYear);
        v.setUint8(35, value);
      });
      const news = createF1Decoder().decode(packet).flatMap((r) => (r.kind === 'session' ? [r.session] : []));
      return news.at(-1)?.sessionType;
    };
    expect(typeOf(23, 10)).toBe('race');
    expect(typeOf(23, 13)).toBe('time-trial');
    expect(typeOf(23, 18)).toBeUndefined();
    expect(typeOf(24, 10)).toBe('sprint-shootout');
    expect(typeOf(25, 15)).toBe('race');
    expect(typeOf(0, 18)).toBe('time-trial'); // F1 25's legacy 2023 output
  });

  it('a new session UID: the old session\'s pending frame first, then new-session, then the new session\'s news', () => {
    const decoder = createF1Decoder();
    const [a] = ticks(1, { sessionUid: 1n });
    const [b] = ticks(1, { sessionUid: 0xfffffffffffffffen });
    for (const p of [a!.motion, a!.lap, a!.telemetry]) decoder.decode(p);
    const results = decoder.decode(b!.motion);
    expect(kinds(results)).toEqual(['frame', 'new-session', 'session']);
    expect(results[1]).toEqual({ kind: 'new-session', gameSessionId: '18446744073709551614' });
  });

  it('flashback: pending frame, then rewind to the flashback time', () => {
    const encoder = createF1Encoder();
    const decoder = createF1Decoder();
    for (let i = 0; i < 60; i++) for (const p of encoder.encode({ ...DEMO_FRAME, t: i / 60 }, DEMO_SESSION)) decoder.decode(p);
    const partial = tickOf(encoder.encode({ ...DEMO_FRAME, t: 1 }, DEMO_SESSION));
    decoder.decode(partial.motion);
    const results = decoder.decode(encoder.encodeFlashbackEvent(0.5));
    expect(kinds(results)).toEqual(['frame', 'rewind']);
    expect(results[1]).toEqual({ kind: 'rewind', toT: 0.5 });
    // Frames after the flashback reuse earlier m_frameIdentifier values and still come out.
    let frames = 0;
    for (let i = 0; i < 10; i++) for (const p of encoder.encode({ ...DEMO_FRAME, t: 0.5 + i / 60 }, DEMO_SESSION)) frames += framesOf(decoder.decode(p)).length;
    expect(frames).toBe(10);
  });
});
