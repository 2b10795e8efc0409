import { readFileSync } from 'node:fs';
import type { ChannelName, Trace } from '../../src/engine/model/index.js';

/**
 * Just enough of an iRacing .ibt reader to get real 60 Hz float telemetry into a Trace for the
 * store's size and round-trip tests. (The real importer lives in src/store/formats; this file
 * must not depend on it.) Layout: shared/research/file-formats.md §2.1:
 *
 *   header @0   i32 numVars @24, i32 varHeaderOffset @28, i32 bufLen @36, varBuf[0].bufOffset @52
 *   varHeader   144 B each: i32 type @0, i32 offset @4, i32 count @8, char name[32] @16
 *   types       1 bool (u8), 2 int, 3 bitfield, 4 float, 5 double
 */
export type IbtColumns = { readonly records: number; column(name: string): Float64Array };

export function readIbtColumns(path: string): IbtColumns {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numVars = view.getInt32(24, true);
  const varHeaderOffset = view.getInt32(28, true);
  const bufLen = view.getInt32(36, true);
  const bufOffset = view.getInt32(52, true);
  const records = Math.floor((bytes.length - bufOffset) / bufLen);
  const vars = new Map<string, { type: number; offset: number }>();
  for (let v = 0; v < numVars; v++) {
    const at = varHeaderOffset + v * 144;
    const name = bytes.subarray(at + 16, at + 48).toString('latin1').replace(/\0.*$/s, '');
    vars.set(name, { type: view.getInt32(at, true), offset: view.getInt32(at + 4, true) });
  }
  return {
    records,
    column(name) {
      const v = vars.get(name);
      if (!v) throw new Error(`${path}: no variable ${name}`);
      const read = { 1: (p: number) => view.getUint8(p), 2: (p: number) => view.getInt32(p, true), 4: (p: number) => view.getFloat32(p, true), 5: (p: number) => view.getFloat64(p, true) }[
        v.type as 1 | 2 | 4 | 5
      ];
      if (!read) throw new Error(`${path}: variable ${name} has type ${v.type}`);
      return Float64Array.from({ length: records }, (_, r) => read(bufOffset + r * bufLen + v.offset));
    },
  };
}

const G = 9.80665;

/** iRacing variable → racecraft channel (SI, as a decoder would normalise it). */
const CHANNEL_MAP: readonly [ChannelName, string, (x: number) => number][] = [
  ['lapTime', 'LapCurrentLapTime', (x) => x],
  ['speed', 'Speed', (x) => x],
  ['rpm', 'RPM', (x) => x],
  ['gear', 'Gear', (x) => x],
  ['throttle', 'Throttle', (x) => x],
  ['brake', 'Brake', (x) => x],
  ['clutch', 'Clutch', (x) => x],
  ['steer', 'SteeringWheelAngle', (x) => x],
  ['gLat', 'LatAccel', (x) => x / G],
  ['gLon', 'LongAccel', (x) => x / G],
  ['gVert', 'VertAccel', (x) => x / G],
  ['posY', 'Alt', (x) => x],
  ['yaw', 'Yaw', (x) => x],
  ['pitch', 'Pitch', (x) => x],
  ['roll', 'Roll', (x) => x],
  ['fuel', 'FuelLevel', (x) => x],
  ['engineTemp', 'WaterTemp', (x) => x],
  ['tyreTempFL', 'LFtempCM', (x) => x],
  ['tyreTempFR', 'RFtempCM', (x) => x],
  ['tyreTempRL', 'LRtempCM', (x) => x],
  ['tyreTempRR', 'RRtempCM', (x) => x],
  ['tyrePressFL', 'LFpressure', (x) => x],
  ['tyrePressFR', 'RFpressure', (x) => x],
  ['tyrePressRL', 'LRpressure', (x) => x],
  ['tyrePressRR', 'RRpressure', (x) => x],
];

/** The whole file as one Trace (t = SessionTime, distance = LapDist) plus the game's lap number per sample. */
export function ibtTrace(path: string): { trace: Trace; lap: Float64Array } {
  const ibt = readIbtColumns(path);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, variable, convert] of CHANNEL_MAP) channels[name] = Float32Array.from(ibt.column(variable), convert);
  return {
    trace: { length: ibt.records, t: ibt.column('SessionTime'), distance: ibt.column('LapDist'), channels },
    lap: ibt.column('Lap'),
  };
}
