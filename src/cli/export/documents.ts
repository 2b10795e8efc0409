/**
 * The text exports, as chunks to stream:
 *
 * - JSON: a `racecraft.session/1` document (src/store/formats/json/schema.ts) of the stored
 *   session, with `meta` {sessionId, source, sourceFile?}, the extra channels of an imported
 *   file (`extraChannels`, source units, full precision; cut to the lap's time span for one
 *   lap) and, unless turned off, an `analysis` member (racecraft.session-analysis/1, see
 *   analysis.ts; null when the session has nothing to analyse). `racecraft import` reads it back.
 * - NDJSON: the session line (channels = every channel written), then per lap a lap line and
 *   one frame line per sample (src/store/formats/json/ndjson.ts), produced one lap at a time.
 * - CSV: a header row, a units row, one row per sample carrying its lap's record (lap, lap_time_s,
 *   lap_valid, lap_category; src/store/formats/csv/write.ts, docs/file-formats-out.md), one lap
 *   at a time with the same columns in every lap.
 */
import type { ChannelName, Lap, Trace } from '../../engine/model/index.js';
import { csvLines, jsonChunks, ndjsonLines, type ExtraChannel, type ImportedLap, type ImportedSession } from '../../store/formats/index.js';
import type { SessionDetail } from '../../store/index.js';
import { jsonReplacer } from '../output.js';
import { padChannels } from './laps.js';

/** The session-level part every text export starts with. */
export type DocumentBase = Pick<ImportedSession, 'session' | 'warnings' | 'startedAt' | 'meta'>;

export function documentBase(session: SessionDetail): DocumentBase {
  const meta: Record<string, string> = { sessionId: String(session.id), source: session.source };
  if (session.sourceFile !== undefined) meta['sourceFile'] = session.sourceFile;
  return { session: session.info, warnings: [], startedAt: new Date(session.startedAt).toISOString(), meta };
}

/** The samples of an evenly spaced extra channel that fall in [startT, endT) (one lap's span). */
export function sliceExtra(extra: ExtraChannel, startT: number, endT: number): ExtraChannel {
  const index = (t: number): number => Math.min(extra.data.length, Math.max(0, Math.ceil((t - extra.t0) * extra.rate - 1e-9)));
  const i0 = index(startT);
  const i1 = Math.max(i0, index(endT));
  return { ...extra, t0: extra.t0 + i0 / extra.rate, data: extra.data.slice(i0, i1) };
}

const STUB_LAP: Lap = { number: 0, time: 0, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT: 0, endT: 0 };

/** A lap with no samples whose trace declares `names`: lets the writers print their header for a known channel list. */
function stubLap(names: readonly ChannelName[]): ImportedLap {
  const channels = Object.fromEntries(names.map((n) => [n, new Float32Array(0)])) as Partial<Record<ChannelName, Float32Array>>;
  const trace: Trace = { length: 0, t: new Float64Array(0), distance: new Float64Array(0), channels };
  return { lap: STUB_LAP, trace };
}

/** The JSON document in pieces (one per lap), with the analysis member when `analysis` is given. */
export function* jsonDocument(base: DocumentBase, laps: readonly ImportedLap[], extras: Record<string, ExtraChannel> | undefined, analysis?: { value: unknown }): Generator<string> {
  const imported: ImportedSession = { ...base, laps: [...laps] };
  if (extras !== undefined && Object.keys(extras).length > 0) imported.extraChannels = extras;
  if (analysis === undefined) {
    yield* jsonChunks(imported);
    return;
  }
  // jsonChunks ends the document with '}\n': hold each chunk back by one and put the analysis
  // member before that last brace.
  let held: string | undefined;
  for (const chunk of jsonChunks(imported)) {
    if (held !== undefined) yield held;
    held = chunk;
  }
  if (held !== '}\n') throw new Error(`jsonChunks ended with ${JSON.stringify(held)}, expected "}\\n"`);
  yield `,"analysis":${JSON.stringify(analysis.value, jsonReplacer)}}\n`;
}

/** The NDJSON session line, listing `names` as the channels the frames carry. */
export function ndjsonHead(base: DocumentBase, names: readonly ChannelName[]): string {
  return ndjsonLines({ ...base, laps: [stubLap(names)] }).next().value as string;
}

/** One lap's NDJSON lines: its lap line, then a frame line per sample. */
export function* ndjsonLap(base: DocumentBase, lap: ImportedLap): Generator<string> {
  const lines = ndjsonLines({ ...base, laps: [lap] });
  lines.next(); // the session line, already written
  yield* lines;
}

/** The CSV header and units rows for `names`. */
export function csvHead(names: readonly ChannelName[]): string[] {
  return Array.from(csvLines([stubLap(names)]));
}

/** One lap's CSV rows, with a column for each of `names` (empty cells where the lap has none). */
export function* csvLap(lap: ImportedLap, names: readonly ChannelName[]): Generator<string> {
  const lines = csvLines([{ lap: lap.lap, trace: padChannels(lap.trace, names) }]);
  lines.next(); // header
  lines.next(); // units
  yield* lines;
}
