/**
 * `racecraft export`: a stored session, or one lap of it, as JSON, NDJSON, CSV or MoTeC .ld+.ldx.
 * Only data goes to stdout; notes go to stderr. NDJSON and CSV are produced one lap at a time
 * through a sink that waits for the reader, so memory stays at about one lap however long the
 * session; JSON and MoTeC hold the session's traces (the analysis and the .ld need them all).
 */
import type { Command } from 'commander';
import type { ChannelName, Trace } from '../../engine/model/index.js';
import { writeMotec, type ExtraChannel, type ImportedLap } from '../../store/formats/index.js';
import { presentChannels } from '../../store/formats/columns.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { createOut, type Out } from '../output.js';
import { openStoreForRead } from '../store-access.js';
import { analysable, sessionAnalysis } from './analysis.js';
import { csvHead, csvLap, documentBase, jsonDocument, ndjsonHead, ndjsonLap, sliceExtra } from './documents.js';
import { channelUnion, lapOf, loadLap, selectChannels } from './laps.js';
import { parseFormat, resolveChannels, splitChannelList, type ChannelRequest, type ExportFormat } from './options.js';
import { fileSink, refuseOverwrite, stdoutSink, type Sink } from './sink.js';
import { findTarget, type ExportTarget } from './target.js';

export type ExportRequest = {
  /** Session id; default the latest session. */
  readonly session?: string;
  /** Lap number, for `export lap N`. */
  readonly lap?: string;
  readonly format?: string;
  /** `--channels a,b,c`. */
  readonly channels?: string;
  /** `-o FILE`; '-' or absent: standard output (not for motec). */
  readonly output?: string;
  /** JSON only: include the session analysis (default true; `--no-analysis`). */
  readonly analysis?: boolean;
  /** `--force`: replace output files that already exist (default: refuse). */
  readonly force?: boolean;
};

type Job = {
  readonly store: Store;
  readonly target: ExportTarget;
  readonly selection: ChannelRequest | undefined;
  readonly wanted: ReadonlySet<ChannelName> | undefined;
  readonly out: Out;
};

export async function runExport(command: Command, request: ExportRequest): Promise<void> {
  // Everything the command line alone can refuse is refused before the database is opened.
  const format = parseFormat(request.format);
  const names = splitChannelList(request.channels);
  const motec = format === 'motec' ? motecPaths(request.output) : undefined;
  const toFile = request.output !== undefined && request.output !== '-';
  refuseOverwrite(motec ? [motec.ld, motec.ldx] : toFile ? [request.output!] : [], request.force ?? false);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const target = findTarget(store, request.session, request.lap);
    const selection = resolveChannels(names, store.extraChannels.list(target.session.id).map((e) => e.name), format);
    const job: Job = { store, target, selection, wanted: selection ? new Set(selection.channels) : undefined, out };
    if (format === 'motec') return await exportMotec(job, motec!);
    const sink = toFile ? fileSink(request.output!) : stdoutSink();
    try {
      await writeText(job, format, sink, request.analysis ?? true);
      await sink.close();
    } catch (error) {
      sink.abort();
      throw error;
    }
  } finally {
    store.close();
  }
}

async function writeText(job: Job, format: Exclude<ExportFormat, 'motec'>, sink: Sink, withAnalysis: boolean): Promise<void> {
  if (format === 'json') return writeJson(job, sink, withAnalysis);
  const { store, target, wanted } = job;
  const base = documentBase(target.session);
  const names = channelUnion(store, target.laps, wanted);
  noteMissing(job, names);
  if (format === 'ndjson') {
    if (!(await sink.write(ndjsonHead(base, names)))) return;
    for (const record of target.laps) {
      for (const line of ndjsonLap(base, loadLap(store, record, wanted))) if (!(await sink.write(line))) return;
    }
    return;
  }
  for (const line of csvHead(names)) if (!(await sink.write(line))) return;
  for (const record of target.laps) {
    for (const line of csvLap(loadLap(store, record, wanted), names)) if (!(await sink.write(line))) return;
  }
}

async function writeJson(job: Job, sink: Sink, withAnalysis: boolean): Promise<void> {
  const { store, target, selection, wanted, out } = job;
  const { session } = target;
  const exported = new Set(target.laps.map((r) => r.id));
  // The analysis needs every lap's full trace; the document only the exported laps' chosen channels.
  const traces = new Map<number, Trace>();
  for (const record of target.allLaps) {
    if (exported.has(record.id) || (withAnalysis && analysable(record))) traces.set(record.id, store.laps.loadTrace(record.id));
  }
  const laps: ImportedLap[] = target.laps.map((r) => ({ lap: lapOf(r), trace: selectChannels(traces.get(r.id)!, wanted) }));
  noteMissing(job, presentChannels(laps));

  let extras: Record<string, ExtraChannel> | undefined = store.extraChannels.load(session.id, selection?.extras);
  const only = target.lapNumber !== undefined ? target.laps[0] : undefined;
  if (only) extras = Object.fromEntries(Object.entries(extras).map(([name, e]) => [name, sliceExtra(e, only.startT, only.endT)]));

  let analysis: { value: unknown } | undefined;
  if (withAnalysis) {
    const result = analyse(() => sessionAnalysis(store, session, target.allLaps, traces, target.lapNumber));
    if (result.analysis === null) out.note(`racecraft: no analysis in the export: ${result.reason}`);
    analysis = { value: result.analysis };
    // The document no longer needs the traces of laps it does not write.
    for (const id of traces.keys()) if (!exported.has(id)) traces.delete(id);
  }
  for (const chunk of jsonDocument(documentBase(session), laps, extras, analysis)) if (!(await sink.write(chunk))) return;
}

/**
 * The engine is pure and tested; if it still fails on an odd imported session, the data export
 * is worth more than the analysis: say so on stderr and write `"analysis": null`.
 */
function analyse(run: () => ReturnType<typeof sessionAnalysis>): ReturnType<typeof sessionAnalysis> {
  try {
    return run();
  } catch (error) {
    if (error instanceof UserError) throw error;
    return { analysis: null, reason: `the analysis failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** FILE.ld and FILE.ldx from `-o FILE.ld`; MoTeC never goes to stdout (binary, and two files). */
function motecPaths(output: string | undefined): { ld: string; ldx: string } {
  if (output === undefined || output === '-') {
    throw new UserError('--format motec writes two files (FILE.ld and its FILE.ldx lap markers): give -o FILE.ld');
  }
  if (!/\.ld$/i.test(output)) throw new UserError(`--format motec: the output must end in .ld (it writes FILE.ld and FILE.ldx), got '${output}'`);
  return { ld: output, ldx: output.replace(/\.ld$/i, (m) => (m === '.LD' ? '.LDX' : '.ldx')) };
}

async function exportMotec(job: Job, paths: { ld: string; ldx: string }): Promise<void> {
  const { store, target, wanted, out } = job;
  if (target.laps.length === 0) throw new UserError(`session ${target.session.id} has no laps to export`);
  const laps = target.laps.map((r) => loadLap(store, r, wanted));
  noteMissing(job, presentChannels(laps));
  const { ld, ldx } = writeMotec(target.session.info, laps, { startedAt: localIso(target.session.startedAt) });
  const ldSink = fileSink(paths.ld);
  let ldxSink: Sink;
  try {
    ldxSink = fileSink(paths.ldx);
  } catch (error) {
    // No .ld without its .ldx: the first file's partial goes too.
    ldSink.abort();
    throw error;
  }
  try {
    await ldSink.write(ld);
    await ldxSink.write(ldx);
    await ldSink.close();
    await ldxSink.close();
  } catch (error) {
    ldSink.abort();
    ldxSink.abort();
    throw error;
  }
  out.note(`wrote ${paths.ld} and ${paths.ldx} (${laps.length} lap${laps.length === 1 ? '' : 's'})`);
}

/** Channels asked for with --channels that no exported lap has: said once on stderr, not an error. */
function noteMissing(job: Job, written: readonly ChannelName[]): void {
  if (!job.selection) return;
  const have = new Set(written);
  const missing = job.selection.channels.filter((n) => !have.has(n));
  if (missing.length > 0) job.out.note(`racecraft: session ${job.target.session.id} has no ${missing.join(', ')} data; not written`);
}

/** Unix ms → local 'YYYY-MM-DDTHH:MM:SS' (MoTeC headers hold local wall-clock time). */
function localIso(ms: number): string {
  const d = new Date(ms);
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
