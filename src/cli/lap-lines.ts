import type { BusEvent, BusMessage, FrameBus } from '../engine/capture/frame-bus.js';
import { isTimedLap, type Lap } from '../engine/model/lap.js';
import { formatLapTime, type Out } from './output.js';

/** Headless mode: one line per completed lap on stdout (NDJSON with --json), notes on stderr. */
export function printLapLines(bus: FrameBus, out: Out, json: boolean): () => void {
  let best: number | undefined;
  const note = (m: BusMessage): void => out.note(`${m.level === 'warn' ? 'warning: ' : ''}${m.text}`);
  // What was said before this subscription (e.g. AC answering the handshake while the command was still starting).
  for (const m of bus.messages()) note(m);
  return bus.subscribe((event: BusEvent) => {
    if (event.kind === 'message') {
      note(event);
      return;
    }
    if (event.kind !== 'lap') return;
    const lap = event.lap;
    const isBest = isTimedLap(lap) && (best === undefined || lap.time < best);
    if (isBest) best = lap.time;
    if (json) out.record(lapEvent(lap, isBest));
    else out.line(lapLine(lap, isBest));
  });
}

export function lapEvent(lap: Lap, isBest: boolean): Record<string, unknown> {
  return {
    event: 'lap',
    lap: lap.number,
    time: lap.time,
    timeSource: lap.timeSource,
    category: lap.category,
    valid: lap.valid,
    sectors: lap.sectors,
    startT: lap.startT,
    endT: lap.endT,
    best: isBest,
  };
}

export function lapLine(lap: Lap, isBest: boolean): string {
  const sectors = lap.sectors.length > 0 ? `  (${lap.sectors.map((s) => s.toFixed(3)).join(' / ')})` : '';
  const flags = [lap.category, lap.valid ? 'valid' : 'invalid', ...(isBest ? ['best'] : [])].join(', ');
  return `lap ${String(lap.number).padStart(3)}  ${formatLapTime(lap.time).padStart(9)}  ${flags}${sectors}`;
}
