import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { detectSessionFormat, importSessionFile, readIbt, readPcap, type ExtraChannel, type ImportedSession } from '../../store/formats/index.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { importCapture } from '../import-capture.js';
import { earlierImportsOf, findDuplicateImport } from '../import-duplicate.js';
import { createOut, formatLapTime } from '../output.js';
import { openStoreForWrite } from '../store-access.js';
import { bestLap, isTimedLap } from '../../engine/model/lap.js';

const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a]);

export function isCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  return PCAP_MAGICS.has(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true));
}

async function readInput(file: string): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a directory` : `cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Whether bytes start with an iRacing irsdk_header (ver 1|2, a tick rate, variables, 1..4
 * buffers). Files are recognised by their .ibt name; standard input has none.
 */
export function looksLikeIbt(bytes: Uint8Array): boolean {
  if (bytes.length < 144) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 40);
  const int = (offset: number): number => view.getInt32(offset, true);
  const [ver, tickRate, numVars, varHeaderOffset, numBuf, bufLen] = [int(0), int(8), int(24), int(28), int(32), int(36)];
  return (ver === 1 || ver === 2) && tickRate > 0 && tickRate <= 1000 && numVars > 0 && varHeaderOffset >= 112 && numBuf >= 1 && numBuf <= 4 && bufLen > 0;
}

/** A session file read from standard input: recognised by its content alone. */
function importStdin(bytes: Uint8Array): ImportedSession {
  return looksLikeIbt(bytes) ? readIbt(bytes, { file: 'stdin' }) : importSessionFile('stdin', bytes);
}

/**
 * The file format a session file was read as, for the import summary: the reader's own
 * variant where it has one (an i2 CSV export is not racecraft's CSV), else what detection chose.
 */
function fileFormat(file: string, bytes: Uint8Array, imported: ImportedSession): string {
  if (imported.session.format === 'i2-csv') return 'i2-csv';
  if (file === '-' && looksLikeIbt(bytes)) return 'ibt';
  return detectSessionFormat(file === '-' ? 'stdin' : file, bytes) ?? 'unknown';
}

const FORMAT_LABELS: Record<string, string> = {
  ld: 'MoTeC .ld',
  ibt: 'iRacing .ibt',
  'i2-csv': 'MoTeC i2 CSV',
  csv: 'racecraft CSV',
  json: 'racecraft JSON',
  ndjson: 'racecraft NDJSON',
  pcap: 'pcap capture',
  pcapng: 'pcapng capture',
};

/** "iRacing .ibt: Formula Vee at Tsukuba Circuit 1k Outer": what was read, and what it holds. */
export function importedWhat(format: string, games: readonly string[], session?: { trackName?: string; carName?: string }): string {
  const label = FORMAT_LABELS[format] ?? format;
  const { carName, trackName } = session ?? {};
  const identity = carName && trackName ? `${carName} at ${trackName}` : (trackName ?? carName);
  if (identity) return `${label}: ${identity}`;
  // Without a car or track, the game (when it is not just the format again) says what the file held.
  const distinct = games.filter((g) => !['motec', 'iracing', 'csv'].includes(g));
  return distinct.length > 0 ? `${label}: ${distinct.join(', ')}` : label;
}

/** The MoTeC .ldx next to an .ld, when there is one (it carries the lap markers). */
function sidecarFor(file: string): string | undefined {
  if (!/\.ld$/i.test(file)) return undefined;
  const ldx = file.replace(/\.ld$/i, (m) => (m === '.LD' ? '.LDX' : '.ldx'));
  return existsSync(ldx) ? readFileSync(ldx, 'utf8') : undefined;
}

/**
 * The extra channels worth storing: a channel with no positive rate cannot be placed in time
 * (only a hand-made JSON has one), and an unknown t0 means the log's start. Returns warnings.
 */
export function storableExtras(extras: ImportedSession['extraChannels']): { channels: Record<string, ExtraChannel>; warnings: string[] } {
  const channels: Record<string, ExtraChannel> = {};
  const warnings: string[] = [];
  for (const [name, c] of Object.entries(extras ?? {})) {
    if (name === '' || !(c.rate > 0) || !Number.isFinite(c.rate)) {
      warnings.push(`extra channel '${name}' has no usable sample rate (${c.rate}); not stored`);
      continue;
    }
    channels[name] = Number.isFinite(c.t0) ? c : { ...c, t0: 0 };
  }
  return { channels, warnings };
}

/**
 * A lap the store cannot hold (a hand-edited JSON can give `"time": null`) is the file's fault:
 * one line naming the lap, before anything is stored.
 */
export function checkImportedLaps(imported: ImportedSession, file: string): void {
  for (const { lap } of imported.laps) {
    for (const key of ['number', 'time', 'startT', 'endT'] as const) {
      if (!Number.isFinite(lap[key])) throw new UserError(`${file}: lap ${Number.isFinite(lap.number) ? lap.number : '?'} has no ${key} (${lap[key]}); nothing imported`);
    }
    if (lap.sectors.some((s) => !Number.isFinite(s))) throw new UserError(`${file}: lap ${lap.number} has a sector time that is not a number; nothing imported`);
  }
}

/** Store an imported session exactly as read (extra channels included); returns the new session id. */
export function storeImported(store: Store, imported: ImportedSession, file: string): number {
  checkImportedLaps(imported, file);
  const startedAt = imported.startedAt !== undefined && !Number.isNaN(Date.parse(imported.startedAt)) ? Date.parse(imported.startedAt) : Date.now();
  const id = store.sessions.create(imported.session, { source: 'import', startedAt, sourceFile: file });
  for (const { lap, trace } of imported.laps) store.laps.insert(id, lap, trace);
  // Every channel of the file: the mapped ones are in the laps, the rest in extra_channels.
  const extras = storableExtras(imported.extraChannels);
  imported.warnings.push(...extras.warnings);
  store.extraChannels.save(id, extras.channels);
  const last = imported.laps.at(-1)?.lap;
  const first = imported.laps[0]?.lap;
  store.sessions.finish(id, startedAt + (last && first ? (last.endT - first.startT) * 1000 : 0));
  return id;
}

/** `racecraft import FILE`: a capture through the live-capture path, or a session file through its reader. */
export async function runImport(file: string, opts: { json?: boolean; again?: boolean }, command: Command): Promise<void> {
  const out = createOut();
  const bytes = await readInput(file);
  if (bytes.length === 0) throw new UserError(`${file === '-' ? 'standard input' : file} is empty`);
  const store = openStoreForWrite(command);
  try {
    if (isCapture(bytes)) {
      const capture = readPcap(bytes, { file });
      const result = importCapture(capture, store, file);
      if (result.sessionIds.length === 0) {
        for (const message of [...capture.warnings, ...result.messages]) out.note(message);
        throw new UserError(`${file}: no telemetry racecraft can decode (${capture.datagrams.length} UDP datagrams, ${result.errors} not from a supported game)`);
      }
      // The live path stores while it decodes: a capture imported before is recognised afterwards and its copies removed.
      const earlier = opts.again ? undefined : earlierImportsOf(store, result.sessionIds);
      if (earlier !== undefined) {
        for (const id of result.sessionIds) store.sessions.delete(id);
        report(out, opts.json ?? false, { file, kind: capture.format, what: '', sessionIds: earlier, laps: result.laps, games: result.games, warnings: [], alreadyImported: true });
        return;
      }
      for (const message of [...capture.warnings, ...result.messages]) out.note(message);
      report(out, opts.json ?? false, { file, kind: capture.format, what: importedWhat(capture.format, result.games), sessionIds: result.sessionIds, laps: result.laps, games: result.games, warnings: [...capture.warnings, ...result.messages], datagrams: result.datagrams, dropped: result.errors });
      return;
    }
    const imported = file === '-' ? importStdin(bytes) : importSessionFile(file, bytes, sidecarFor(file));
    const format = fileFormat(file, bytes, imported);
    const duplicate = opts.again ? undefined : findDuplicateImport(store, imported);
    if (duplicate !== undefined) {
      // Importing a folder again must not double every session: say so, store nothing, and succeed.
      report(out, opts.json ?? false, { file, kind: format, what: '', sessionIds: [duplicate], laps: imported.laps.map((l) => l.lap), games: [imported.session.game], warnings: [], alreadyImported: true });
      return;
    }
    const readerWarnings = imported.warnings.length;
    for (const warning of imported.warnings) out.note(`warning: ${warning}`);
    const id = storeImported(store, imported, file);
    for (const warning of imported.warnings.slice(readerWarnings)) out.note(`warning: ${warning}`);
    report(out, opts.json ?? false, { file, kind: format, what: importedWhat(format, [imported.session.game], imported.session), sessionIds: [id], laps: imported.laps.map((l) => l.lap), games: [imported.session.game], warnings: imported.warnings });
  } finally {
    store.close();
  }
}

/**
 * The import summary. `--json` writes racecraft.import/1: `file`; `format` the file's format
 * (pcap, pcapng, ld, ibt, i2-csv, csv, json, ndjson); `sessions` the session ids stored (or, with
 * `alreadyImported` true, the ids the same recording already has: nothing was stored); `games`;
 * `laps`, `flyingLaps`, `bestLapTime` (s or null); `datagrams` and `dropped` (captures, else
 * null); `warnings`, one line each.
 */
function report(
  out: ReturnType<typeof createOut>,
  json: boolean,
  r: { file: string; kind: string; what: string; sessionIds: readonly number[]; laps: readonly import('../../engine/model/lap.js').Lap[]; games: readonly string[]; warnings: readonly string[]; datagrams?: number; dropped?: number; alreadyImported?: boolean },
): void {
  const timed = r.laps.filter(isTimedLap);
  const best = bestLap(r.laps)?.time;
  if (json) {
    out.json({ schema: 'racecraft.import/1', file: r.file, format: r.kind, sessions: r.sessionIds, games: r.games, alreadyImported: r.alreadyImported ?? false, laps: r.laps.length, flyingLaps: timed.length, bestLapTime: best ?? null, datagrams: r.datagrams ?? null, dropped: r.dropped ?? null, warnings: r.warnings });
    return;
  }
  if (r.alreadyImported) {
    out.line(`${r.file} is already imported as session ${r.sessionIds.join(', ')} (the same recording${r.sessionIds.length > 1 ? 's' : ''}); nothing imported (--again imports it once more)`);
    return;
  }
  out.line(`imported ${r.file} (${r.what}) as session ${r.sessionIds.join(', ')}: ${r.laps.length} lap(s), ${timed.length} timed, best ${formatLapTime(best)}`);
}
