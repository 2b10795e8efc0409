/**
 * Demo sessions for the report tests, recorded the way `racecraft demo` records them (simulator
 * frames → Recorder → store; see recordDemoSession), with the simulator's ground truth.
 */
import { recordDemoSession, type DemoSessionOptions } from '../../src/bench/report.bench.js';
import { createDemoRun, type DemoGroundTruth } from '../../src/engine/sim/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export type DemoFixture = { readonly store: Store; readonly sessionId: number; readonly truth: DemoGroundTruth };

/** A demo session in `path` (':memory:' by default) and the simulator's truth about it. */
export function demoFixture(options: DemoSessionOptions, path = ':memory:'): DemoFixture {
  const store = openStore(path);
  const sessionId = recordDemoSession(store, options);
  const truth = createDemoRun({ trackId: options.trackId ?? 'kestrel', laps: options.laps, seed: options.seed ?? 1, plantedErrors: options.plantedErrors ?? [] }).groundTruth;
  return { store, sessionId, truth };
}

/** The planted-error session most tests use: 6 laps, seed 5, lap 3 braking 20 m early at corner 4. */
export const PLANTED = { laps: 6, seed: 5, plantedErrors: [{ lap: 3, corner: 4, brakeEarlyM: 20 }] } as const;
