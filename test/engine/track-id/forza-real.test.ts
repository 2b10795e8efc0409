/**
 * Forza sends positions but no lap distance (DistanceTraveled is race distance) and, before FM
 * 2023, no track id. Validated on the real FM7 Dash recordings in shared/captures/forza (one lap
 * each of Laguna Seca and the Nürburgring 26 km combined layout, logged at ≈ 9 Hz): the lap
 * distance projected onto the lap's own shape against the game's own DistanceTraveled, which on a
 * first lap from the line is the lap distance.
 */
import { beforeAll, expect, it } from 'vitest';
import { TrackLocator } from '../../../src/engine/capture/track-locator.js';
import { createForzaDecoder, writeForzaPacket } from '../../../src/engine/games/forza/index.js';
import { toTrace, type Lap, type TelemetryFrame } from '../../../src/engine/model/index.js';
import { LapPositioner, shapeFromLap, type KnownShape } from '../../../src/engine/track-id/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fieldsOfRow, loadForzaCsv } from '../games/forza/csv-capture.js';

type Recording = { frames: TelemetryFrame[]; traveled: number[]; change: number; lineD: number };

function load(name: 'laguna-seca.csv' | 'nurburgring.csv'): Recording {
  const decoder = createForzaDecoder();
  const frames: TelemetryFrame[] = [];
  const traveled: number[] = [];
  for (const row of loadForzaCsv(name)) {
    for (const r of decoder.decode(writeForzaPacket('fm7-dash', fieldsOfRow(row)))) {
      if (r.kind !== 'frame') continue;
      frames.push(r.frame);
      traveled.push(Number(row['Distance']));
    }
  }
  const change = frames.findIndex((f) => f.lap !== frames[0]!.lap);
  const first = frames[change]!;
  // The game's distance at the line: the first sample of lap 2 minus what it drove since the crossing.
  return { frames, traveled, change, lineD: traveled[change]! - first.speed! * first.lapTime! };
}

/** Projection errors (m) against DistanceTraveled, distances scaled to the game's lap length. */
function errors(rec: Recording): { shapeLength: number; meanAbs: number; maxAbs: number } {
  const lap = rec.frames.slice(0, rec.change);
  const last = lap[lap.length - 1]!;
  const first = rec.frames[rec.change]!;
  const shape = shapeFromLap(toTrace(lap), 'xz', last.speed! * (first.t - first.lapTime! - last.t))!;
  const positioner = new LapPositioner(shape, rec.lineD);
  let sum = 0;
  let max = 0;
  rec.frames.forEach((f, i) => {
    const d = positioner.locate(f.lap, f.posX!, f.posZ!)!;
    const truth = i < rec.change ? rec.traveled[i]! : rec.traveled[i]! - rec.lineD;
    const e = Math.abs(d - truth);
    sum += e;
    max = Math.max(max, e);
  });
  return { shapeLength: shape.length, meanAbs: sum / rec.frames.length, maxAbs: max };
}

function asLap(rec: Recording): { lap: Lap; frames: TelemetryFrame[] } {
  const frames = rec.frames.slice(0, rec.change);
  const startT = frames[0]!.t - frames[0]!.lapTime!;
  const endT = rec.frames[rec.change]!.t - rec.frames[rec.change]!.lapTime!;
  return { lap: { number: 1, time: endT - startT, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT, endT }, frames };
}

describeShared('Forza lap distance and track identity on the real FM7 recordings', () => {
  let laguna: Recording;
  let nurburgring: Recording;
  beforeAll(() => {
    laguna = load('laguna-seca.csv');
    nurburgring = load('nurburgring.csv');
  });

  it('Laguna Seca: projected lap distance within 1.6 m on average (7.2 m at worst, at 9 Hz) of the game\'s', () => {
    const e = errors(laguna);
    expect(laguna.lineD).toBeCloseTo(3601.9, 0);
    // The driven path in plan view is 0.8 % shorter than the game's distance.
    expect(e.shapeLength / laguna.lineD).toBeCloseTo(0.992, 3);
    expect(e.meanAbs).toBeCloseTo(1.55, 1);
    expect(e.maxAbs).toBeLessThan(7.2);
  });

  it('Nürburgring 26 km: within 18 m on average, 28 m at worst (0.1 % of the lap)', () => {
    const e = errors(nurburgring);
    expect(nurburgring.lineD).toBeCloseTo(25991.1, 0);
    // In plan view the Nordschleife's path is 3.3 % shorter than the game's 3-D, wheel-measured distance.
    expect(e.shapeLength / nurburgring.lineD).toBeCloseTo(0.967, 3);
    expect(e.meanAbs).toBeCloseTo(17.9, 0);
    expect(e.maxAbs).toBeLessThan(28);
  });

  it('FM7 sends no track ordinal: the two tracks become unknown tracks 1 and 2, and Laguna again is 1', () => {
    const shelf = new Map<string, KnownShape>();
    const identify = (rec: Recording): string => {
      const locator = new TrackLocator({ list: () => [...shelf.values()], save: (_g, trackKey, name, shape) => void shelf.set(trackKey, { trackKey, ...(name === undefined ? {} : { name }), shape }) });
      locator.begin({ game: 'forza', format: 'fm7-dash' });
      // Fresh copies, as a capture delivers them: the locator writes distances into its frames.
      const { lap, frames: original } = asLap(rec);
      const frames = original.map((f) => ({ ...f }));
      const located = frames.map((f) => locator.locate(f));
      const outcome = locator.lapClosed({ lap, frames: located });
      // The lap that defined (or matched) the track has a distance on every sample.
      expect(outcome.frames.every((f) => f.lapDistance !== undefined)).toBe(true);
      return `${outcome.session?.trackKey} / ${outcome.session?.trackName}`;
    };
    expect(identify(laguna)).toBe('unknown-1 / unknown track 1');
    expect(identify(nurburgring)).toBe('unknown-2 / unknown track 2');
    expect(identify(laguna)).toBe('unknown-1 / unknown track 1');
    expect(shelf.size).toBe(2);
  });
});
