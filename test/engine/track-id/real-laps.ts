import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createGt7Decoder } from '../../../src/engine/games/gt7/index.js';
import type { DecodeResult } from '../../../src/engine/games/types.js';
import { toTrace, type TelemetryFrame, type Trace } from '../../../src/engine/model/index.js';
import { requireSharedFile } from '../../helpers/shared.js';

/**
 * The real GT7 recordings in shared/captures/gt7 (see its PROVENANCE.md), decoded by the
 * project's own GT7 decoder: the zetetos Spa lap (format C, already decrypted, 368-byte packets,
 * gzip) and the three speedboard .gt7track paths (encrypted 296-byte packets, sparse: points
 * ≤ 50 m apart, one lap each).
 */
export const SPEEDBOARD = {
  spa: 'speedboard-Circuit_de_Spa-Francorchamps_-_Full_Course.gt7track',
  brands: 'speedboard-Brands_Hatch_-_Grand_Prix_Circuit.gt7track',
  laguna: 'speedboard-WeatherTech_Raceway_Laguna_Seca_-_Full_Course.gt7track',
} as const;

function decodeAll(bytes: Uint8Array, size: number): { frames: TelemetryFrame[]; results: DecodeResult[] } {
  const decoder = createGt7Decoder();
  const frames: TelemetryFrame[] = [];
  const results: DecodeResult[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) {
    for (const r of decoder.decode(bytes.subarray(at, at + size))) {
      results.push(r);
      if (r.kind === 'frame') frames.push(r.frame);
    }
  }
  return { frames, results };
}

/** Every decoded result and frame of the zetetos Spa lap (6,914 packets: lap 1, then the first packet of lap 2). */
export function zetetosSpa(): { frames: TelemetryFrame[]; results: DecodeResult[] } {
  const raw = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures', 'gt7', 'zetetos-demo-spa-formatC.gtz'))));
  return decodeAll(raw, 368);
}

/** The zetetos Spa lap's frames from its line to its line (lap 1 only). */
export function zetetosSpaLap(): Trace {
  return toTrace(zetetosSpa().frames.filter((f) => f.lap === 1));
}

/** The frames of a speedboard path (encrypted 296-byte packets). */
export function speedboardFrames(name: keyof typeof SPEEDBOARD): TelemetryFrame[] {
  return decodeAll(new Uint8Array(readFileSync(requireSharedFile('captures', 'gt7', SPEEDBOARD[name]))), 296).frames;
}
