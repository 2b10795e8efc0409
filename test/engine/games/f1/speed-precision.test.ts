import { describe, expect, it } from 'vitest';
import { analyzeShifts } from '../../../../src/engine/analysis/index.js';
import { createF1Decoder, createF1Encoder } from '../../../../src/engine/games/f1/index.js';
import { toTrace, type TelemetryFrame } from '../../../../src/engine/model/index.js';
import { createDemoRun } from '../../../../src/engine/sim/index.js';

/**
 * Speed through F1's wire: m_speed is whole km/h rounded down, so the slope of speed over a few
 * samples (the shift fit's acceleration) is mostly rounding noise. The decoder takes the Motion
 * packet's world velocity instead; three demo laps sent as F1 packets must then give the shift
 * points the simulator's car really has.
 */
describe('F1 speed precision: three demo laps encoded as F1 packets and decoded', () => {
  const run = createDemoRun({ trackId: 'kestrel', laps: 3, seed: 1, plantedErrors: [] });
  const encoder = createF1Encoder();
  const decoder = createF1Decoder();
  const sent: TelemetryFrame[] = [];
  const got: TelemetryFrame[] = [];
  for (const frame of run.frames()) {
    sent.push(frame);
    for (const packet of encoder.encode(frame, run.session)) for (const r of decoder.decode(packet)) if (r.kind === 'frame') got.push(r.frame);
  }

  it('decodes speed to float32 precision, not to the wire m_speed km/h steps', () => {
    expect(got.length).toBeGreaterThan(sent.length - 2);
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]!.speed! - sent[i]!.speed!));
    expect(worst).toBeLessThan(1e-4); // m/s; m_speed alone is off by up to 0.278 m/s
  });

  it('gives every upshift 2→3 … 5→6 within 100 rpm of the car’s optimum', () => {
    const shifts = analyzeShifts([toTrace(got)])!;
    for (const gear of [2, 3, 4, 5]) {
      const g = shifts.gears.find((x) => x.gear === gear)!;
      expect(g.optimalRpm, `${gear}→${gear + 1}: ${g.basis}`).not.toBeNull();
      expect(Math.abs(g.optimalRpm! - run.groundTruth.shiftRpm[gear - 1]!)).toBeLessThan(100);
    }
  });
});
