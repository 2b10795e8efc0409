import type { CaptureCounters } from '../../engine/capture/frame-bus.js';
import type { Lap, SessionInfo, TelemetryFrame } from '../../engine/model/index.js';
import type { ActiveReference } from '../data/reference.js';
import type { GPoint } from '../render/gg-plot.js';
import { shiftLight, type ShiftLight } from '../render/rpm.js';
import { downsample } from '../render/series.js';
import { bestLap, runsLineToLine } from '../../engine/model/lap.js';

/** What the Live screen shows, from the bus's state at one instant. Pure: built per redraw. */
export type LiveInput = {
  readonly frame: TelemetryFrame | undefined;
  readonly session: SessionInfo | undefined;
  /** Completed laps of the session, oldest first. */
  readonly laps: readonly Lap[];
  /** Frames of the lap in progress. */
  readonly lapFrames: readonly TelemetryFrame[];
  readonly counters: CaptureCounters;
  readonly reference: ActiveReference | undefined;
  /** rpm, the shift point for the current gear, and where it came from. */
  readonly shift: { readonly rpm: number; readonly source: 'computed' | 'limiter' } | undefined;
};

export type SectorColour = 'purple' | 'green' | 'yellow';

export type SectorCell = {
  /** s, the sector time once the car has left the sector. */
  readonly time: number | undefined;
  /** purple: best of the session; green: faster than the reference; yellow: slower. */
  readonly colour: SectorColour | undefined;
  /** The car is in this sector now. */
  readonly current: boolean;
};

export type LiveView = {
  /** No frame has arrived yet. */
  readonly waiting: boolean;
  readonly title: string;
  readonly speed: number | undefined;
  readonly gear: number | undefined;
  readonly rpm: number | undefined;
  readonly maxRpm: number;
  readonly shiftRpm: number | undefined;
  readonly shiftSource: 'computed' | 'limiter' | undefined;
  readonly light: ShiftLight;
  readonly throttle: number | undefined;
  readonly brake: number | undefined;
  readonly clutch: number | undefined;
  readonly steer: number | undefined;
  readonly g: GPoint | undefined;
  /** The last second of g samples, for the g-meter's trail. */
  readonly gTrail: readonly GPoint[];
  readonly lapNumber: number | undefined;
  /** s, time in the lap in progress. */
  readonly current: number | undefined;
  readonly last: { readonly time: number; readonly valid: boolean; readonly number: number } | undefined;
  /** s, best valid flying lap of the session. */
  readonly best: number | undefined;
  /** s, live delta to the reference at the car's position (> 0 = behind). */
  readonly delta: number | undefined;
  readonly referenceLabel: string | undefined;
  readonly sectors: readonly SectorCell[];
};

const DEFAULT_MAX_RPM = 12000;
const TRAIL_FRAMES = 60;

export function buildLiveView(input: LiveInput): LiveView {
  const { frame, session, laps, lapFrames, reference } = input;
  const maxRpm = session?.maxRpm ?? DEFAULT_MAX_RPM;
  const current = frame === undefined ? undefined : currentLapTime(frame, lapFrames);
  // The last lap with a lap time: a 4 s run-up or an out-lap from the pits is not one.
  const lastLap = laps.findLast(runsLineToLine);
  const delta =
    frame !== undefined && reference !== undefined && frame.lapDistance !== undefined && current !== undefined
      ? reference.delta(frame.lapDistance, current)
      : undefined;
  const trail: GPoint[] = [];
  for (let i = Math.max(0, lapFrames.length - TRAIL_FRAMES); i < lapFrames.length; i++) {
    const f = lapFrames[i]!;
    if (f.gLat !== undefined && f.gLon !== undefined) trail.push({ lat: f.gLat, lon: f.gLon });
  }
  return {
    waiting: frame === undefined,
    title: titleOf(session),
    speed: frame?.speed,
    gear: frame?.gear,
    rpm: frame?.rpm,
    maxRpm,
    shiftRpm: input.shift?.rpm,
    shiftSource: input.shift?.source,
    light: shiftLight(frame?.rpm, input.shift?.rpm),
    throttle: frame?.throttle,
    brake: frame?.brake,
    clutch: frame?.clutch,
    steer: frame?.steer,
    g: frame?.gLat !== undefined && frame.gLon !== undefined ? { lat: frame.gLat, lon: frame.gLon } : undefined,
    gTrail: trail,
    lapNumber: frame?.lap,
    current,
    last: lastLap ? { time: lastLap.time, valid: lastLap.valid, number: lastLap.number } : undefined,
    best: bestTime(laps),
    delta,
    referenceLabel: reference?.label,
    sectors: sectorCells(lapFrames, session, laps, reference),
  };
}

/** "F1 · Kestrel Park · Racecraft RC-1 · practice": what is known of game, track, car, session. */
export function titleOf(session: SessionInfo | undefined): string {
  if (!session) return 'waiting for the game…';
  // The demo sends real game packets, but the format it borrowed is not the game being shown.
  const game = session.format && session.game !== 'demo' ? `${session.game} ${session.format}` : session.game;
  return [game, session.trackName ?? session.trackKey ?? 'unknown track', session.carName ?? session.carKey, session.sessionType].filter((x) => x).join(' · ');
}

/** s in the lap in progress: the game's own lap clock, else the session clock since the lap began. */
export function currentLapTime(frame: TelemetryFrame, lapFrames: readonly TelemetryFrame[]): number | undefined {
  if (frame.lapTime !== undefined) return frame.lapTime;
  const first = lapFrames[0];
  return first === undefined ? undefined : frame.t - first.t;
}

function bestTime(laps: readonly Lap[]): number | undefined {
  return bestLap(laps)?.time;
}

/**
 * Sector times of the lap in progress, from where the lap distance crosses the session's sector
 * starts (interpolated between the two frames), coloured against the session's best sectors and
 * the reference's.
 */
export function sectorCells(lapFrames: readonly TelemetryFrame[], session: SessionInfo | undefined, laps: readonly Lap[], reference: ActiveReference | undefined): SectorCell[] {
  const starts = session?.sectorStarts ?? [];
  if (starts.length === 0) return [];
  const n = starts.length + 1;
  const crossings: (number | undefined)[] = starts.map(() => undefined);
  const first = lapFrames[0];
  const clock = (f: TelemetryFrame): number => (f.lapTime !== undefined ? f.lapTime : f.t - (first?.t ?? f.t));
  for (let i = 1; i < lapFrames.length; i++) {
    const a = lapFrames[i - 1]!;
    const b = lapFrames[i]!;
    if (a.lapDistance === undefined || b.lapDistance === undefined) continue;
    starts.forEach((s, j) => {
      if (crossings[j] === undefined && a.lapDistance! < s && b.lapDistance! >= s) {
        const f = (s - a.lapDistance!) / (b.lapDistance! - a.lapDistance!);
        crossings[j] = clock(a) + f * (clock(b) - clock(a));
      }
    });
  }
  const bests: number[] = [];
  for (const lap of laps) {
    if (!lap.valid || lap.sectors.length !== n) continue;
    lap.sectors.forEach((t, i) => (bests[i] = bests[i] === undefined ? t : Math.min(bests[i]!, t)));
  }
  const refSectors = reference?.sectors.length === n ? reference.sectors : undefined;
  const cells: SectorCell[] = [];
  let previous = 0;
  let inProgress = lapFrames.length > 0;
  for (let i = 0; i < n; i++) {
    const end = i < starts.length ? crossings[i] : undefined;
    const time = end === undefined ? undefined : end - previous;
    if (end !== undefined) previous = end;
    const isCurrent = inProgress && time === undefined;
    if (isCurrent) inProgress = false;
    let colour: SectorColour | undefined;
    if (time !== undefined) {
      const best = bests[i];
      const ref = refSectors?.[i];
      colour = best === undefined || time <= best ? 'purple' : ref !== undefined && time <= ref ? 'green' : 'yellow';
    }
    cells.push({ time, colour, current: isCurrent });
  }
  return cells;
}

const refCache = new WeakMap<ActiveReference, Map<number, number[]>>();

/**
 * The rolling speed trace: the lap in progress and the reference, m/s per screen column over
 * the lap length (one column ≈ length / columns metres). The lap's series ends at the car.
 */
export function liveSpeedTrace(lapFrames: readonly TelemetryFrame[], reference: ActiveReference | undefined, trackLength: number | undefined, columns: number): { lap: number[]; reference: number[] } {
  const length = trackLength ?? reference?.length;
  if (!(length !== undefined && length > 0) || columns <= 0) return { lap: [], reference: [] };
  const sum = new Float64Array(columns);
  const count = new Uint32Array(columns);
  let last = -1;
  for (const f of lapFrames) {
    const d = f.lapDistance;
    if (d === undefined || f.speed === undefined || d < 0 || d > length) continue;
    const c = Math.min(columns - 1, Math.floor((d / length) * columns));
    sum[c]! += f.speed;
    count[c]!++;
    if (c > last) last = c;
  }
  const lap: number[] = [];
  // A lap joined part-way (or a run-up before the line) has no start to draw from: no trace
  // until the next lap, rather than a flat line invented over the part not driven.
  const first = count.findIndex((n) => n > 0);
  if (first >= 0 && first <= Math.max(1, columns * 0.03)) for (let c = 0; c <= last; c++) lap.push(count[c]! > 0 ? sum[c]! / count[c]! : Number.NaN);
  let refSeries: number[] = [];
  if (reference?.speed !== undefined) {
    let byColumns = refCache.get(reference);
    if (!byColumns) refCache.set(reference, (byColumns = new Map()));
    refSeries = byColumns.get(columns) ?? downsample(reference.speed, columns);
    byColumns.set(columns, refSeries);
  }
  return { lap, reference: refSeries };
}
