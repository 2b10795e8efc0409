import { CHANNELS, type ChannelName, type Trace } from '../../../engine/model/index.js';
import { columnOf, presentChannels } from '../columns.js';
import { DISTANCE_DECIMALS, TIME_DECIMALS, formatFixed } from '../number-format.js';
import type { ImportedLap, ImportedSession } from '../types.js';
import { SESSION_SCHEMA } from './schema.js';

/** Comma-joined numbers of a column with `dec` decimals, null for missing. */
function numbers(values: ArrayLike<number>, dec: number): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = formatFixed(values[i]!, dec, 'null');
  return `[${parts.join(',')}]`;
}

/** Full-precision doubles (extras keep whatever the source had). */
function doubles(values: ArrayLike<number>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = Number.isFinite(values[i]!) ? String(values[i]) : 'null';
  return `[${parts.join(',')}]`;
}

function lapJson(item: ImportedLap, names: readonly ChannelName[]): string {
  const trace: Trace = item.trace;
  const hasDistance = trace.distance.some((d) => !Number.isNaN(d));
  const cols = names
    .filter((n) => trace.channels[n] !== undefined || (n === 'lapDistance' && hasDistance))
    .map((n) => `${JSON.stringify(n)}:${numbers(columnOf(trace, n)!, CHANNELS[n].decimals)}`);
  return (
    `{"lap":${JSON.stringify(item.lap)},"samples":${trace.length},` +
    `"t":${numbers(trace.t, TIME_DECIMALS)},` +
    `"distance":${hasDistance ? numbers(trace.distance, DISTANCE_DECIMALS) : 'null'},` +
    `"channels":{${cols.join(',')}}}`
  );
}

/**
 * The session as `racecraft.session/1` JSON (see schema.ts), in pieces: the head, one piece per
 * lap, the tail. Write them to a stream in order to keep memory at one lap's text.
 */
export function* jsonChunks(imported: ImportedSession): Generator<string> {
  const names = presentChannels(imported.laps);
  const channels = Object.fromEntries(names.map((n) => [n, { unit: CHANNELS[n].unit, kind: CHANNELS[n].kind, decimals: CHANNELS[n].decimals }]));
  const head: Record<string, unknown> = { schema: SESSION_SCHEMA, session: imported.session };
  if (imported.startedAt) head['startedAt'] = imported.startedAt;
  if (imported.meta) head['meta'] = imported.meta;
  head['warnings'] = imported.warnings;
  head['channels'] = channels;
  const headText = JSON.stringify(head);
  yield `${headText.slice(0, -1)},"laps":[`;
  for (let k = 0; k < imported.laps.length; k++) yield (k > 0 ? ',' : '') + lapJson(imported.laps[k]!, names);
  yield ']';
  if (imported.sourceChannels) yield `,"sourceChannels":${JSON.stringify(imported.sourceChannels)}`;
  if (imported.extraChannels) {
    yield ',"extraChannels":{';
    let first = true;
    for (const [name, extra] of Object.entries(imported.extraChannels)) {
      const fields = `"unit":${JSON.stringify(extra.unit)},"rate":${extra.rate},"t0":${Number.isFinite(extra.t0) ? extra.t0 : 0}`;
      const description = extra.description !== undefined ? `,"description":${JSON.stringify(extra.description)}` : '';
      yield `${first ? '' : ','}${JSON.stringify(name)}:{${fields}${description},"data":${doubles(extra.data)}}`;
      first = false;
    }
    yield '}';
  }
  yield '}\n';
}

/** The whole JSON document as one string. */
export function writeJson(imported: ImportedSession): string {
  return Array.from(jsonChunks(imported)).join('');
}
