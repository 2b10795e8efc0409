/** Reading the real F1 packets of ../shared/captures/f1 at test time (never copied into the repo). */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { requireSharedFile } from '../../../helpers/shared.js';
import { createF1Decoder } from '../../../../src/engine/games/f1/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';

export const CAPTURE_FOLDERS = { 2023: 'gamesdat-2023', 2024: 'gamesdat-2024', 2025: 'gamesdat-2025' } as const;
export type CaptureFormat = keyof typeof CAPTURE_FOLDERS;

/** One real packet file, e.g. captureFile(2025, 'packet-3-FLBK.bin'). */
export function captureFile(format: CaptureFormat, name: string): Uint8Array {
  return new Uint8Array(readFileSync(requireSharedFile('captures', 'f1', CAPTURE_FOLDERS[format], name)));
}

/** Every packet file of a format's folder, sorted by name. */
export function captureFiles(format: CaptureFormat): { name: string; bytes: Uint8Array }[] {
  const dir = requireSharedFile('captures', 'f1', CAPTURE_FOLDERS[format]);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .sort()
    .map((name) => ({ name, bytes: captureFile(format, name) }));
}

/** A copy of `packet` with its header frame identifiers replaced (to align packets of nearby frames). */
export function withFrameIds(packet: Uint8Array, frameIdentifier: number, overallFrameIdentifier: number): Uint8Array {
  const copy = packet.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(19, frameIdentifier, true);
  view.setUint32(23, overallFrameIdentifier, true);
  return copy;
}

export const PSI_TO_KPA = 6.894757293168361;

/** All results of `packets` through one fresh decoder. */
export function decodeAll(packets: readonly Uint8Array[]): DecodeResult[] {
  const decoder = createF1Decoder();
  return packets.flatMap((p) => [...decoder.decode(p)]);
}

export function only<K extends DecodeResult['kind']>(results: readonly DecodeResult[], kind: K): Extract<DecodeResult, { kind: K }>[] {
  return results.filter((r): r is Extract<DecodeResult, { kind: K }> => r.kind === kind);
}

/** The one frame among `results` (fails the test when there is not exactly one). */
export function frameOf(results: readonly DecodeResult[]): TelemetryFrame {
  const frames = only(results, 'frame');
  expect(frames).toHaveLength(1);
  return frames[0]!.frame;
}

/** The session news, merged as the capture layer would. */
export function sessionOf(results: readonly DecodeResult[]): Partial<SessionInfo> {
  return Object.assign({}, ...only(results, 'session').map((r) => r.session)) as Partial<SessionInfo>;
}

/** The four per-tick packets of a capture folder: Motion, Lap Data, Car Telemetry, Car Status. */
export function tick(format: CaptureFormat): Uint8Array[] {
  return ['packet-0.bin', 'packet-2.bin', 'packet-6.bin', 'packet-7.bin'].map((n) => captureFile(format, n));
}
