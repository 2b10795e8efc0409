import type { Command } from 'commander';
import type { RecorderSummary } from '../engine/capture/recorder.js';
import type { Store } from '../store/index.js';
import type { LiveSession } from './live-session.js';
import { printLapLines } from './lap-lines.js';
import { createOut, formatLapTime, type Out } from './output.js';
import { waitForStopSignal } from './stop-signal.js';
import { bestLap } from '../engine/model/lap.js';
import type { SessionInfo } from '../engine/model/index.js';

/** Options shared by `record` and `demo`. */
export type CaptureUiOptions = { headless?: boolean; json?: boolean };

/** Whether the live TUI can run here; says why not when it cannot (SSH without a TTY, pipes). */
export function chooseUi(opts: CaptureUiOptions, out: Out): 'tui' | 'headless' {
  if (opts.headless || opts.json) return 'headless';
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    out.note('not a terminal (stdin or stdout is redirected): running headless; pass --headless to silence this note');
    return 'headless';
  }
  return 'tui';
}

/** Recover sessions a killed process left open, and say so. */
export function recoverInterrupted(store: Store, out: Out): void {
  for (const report of store.recoverOpenSessions(Date.now())) {
    out.note(`recovered interrupted session ${report.sessionId}: ${report.lapsRecovered} partial lap(s), ${report.samples} samples kept`);
  }
}

/**
 * Runs a capture until `until` resolves (demo finished) or the user stops it, in the TUI or
 * headless, then stops the recorder so nothing is lost, and prints a summary on stderr.
 */
export async function runCapture(options: {
  live: LiveSession;
  ui: 'tui' | 'headless';
  json: boolean;
  out: Out;
  title: string;
  until?: Promise<unknown>;
  /** Keep the TUI open after `until` (demo: the user looks at the result, then quits). */
  stayOpen?: boolean;
  /** The recording's database, so the TUI's Laps, Report and Compare screens can read it. */
  store?: Store;
}): Promise<RecorderSummary> {
  const { live, out } = options;
  const stop = waitForStopSignal();
  const { loadSettings } = await import('./settings.js');
  // A broken settings file falls back to the defaults: it must never stop a recording.
  const settings = loadSettings();
  const unwatch = options.store ? (await import('./notify.js')).watchPersonalBests({ bus: live.bus, store: options.store, settings }) : () => {};
  try {
    if (options.ui === 'tui') {
      const { runLiveTui } = await import('../tui/run-live.js');
      await runLiveTui({
        bus: live.bus,
        title: options.title,
        sessionId: () => live.recorder.currentSessionId(),
        settings,
        ...(options.store ? { store: options.store } : {}),
        // A terminate or hang-up request ends the TUI too (Ctrl-C arrives as a key in raw mode).
        until: Promise.race([stop.promise, ...(options.until && !options.stayOpen ? [options.until] : [])]),
      });
    } else {
      const unsubscribe = printLapLines(live.bus, out, options.json);
      const unwatchTrack = printTrackLine(live, out);
      await Promise.race([stop.promise, ...(options.until ? [options.until] : [])]);
      unsubscribe();
      unwatchTrack();
    }
  } finally {
    stop.dispose();
    unwatch();
  }
  const summary = await live.stop();
  return summary;
}

/** "game gt7, track unknown track 1": what is being recorded, as a note when it first shows and whenever it changes. */
export function trackLine(info: SessionInfo): string {
  const track = info.trackName ?? info.trackKey ?? 'not identified yet';
  return `game ${info.game}, track ${track}`;
}

/**
 * Headless: says which game and track are being recorded once the first frame arrives, and again
 * when the track is named or identified later (GT7 sends no track id: the track is recognised
 * from its shape, or becomes "unknown track N").
 */
function printTrackLine(live: LiveSession, out: Out): () => void {
  let shown: string | undefined;
  const show = (): void => {
    const line = trackLine(live.recorder.currentInfo());
    if (line !== shown) out.note((shown = line));
  };
  return live.bus.subscribe((event) => {
    if (event.kind === 'session' || (event.kind === 'frame' && shown === undefined)) show();
  });
}

export function summarize(summary: RecorderSummary, out: Out, counters: { packets: number; errors: number }): void {
  if (summary.sessionIds.length > 0) {
    // Best-effort desktop notification; never blocks or fails the command.
    void import('./notify.js').then(async ({ notify }) => notify('session-saved', `session ${summary.sessionIds.join(', ')} saved: ${summary.laps.length} lap(s)`, (await import('./settings.js')).loadSettings()));
  }
  const best = bestLap(summary.laps)?.time;
  const ids = summary.sessionIds.join(', ');
  out.note(
    summary.sessionIds.length === 0
      ? `nothing recorded (${counters.packets} packets received)`
      : `saved session ${ids}: ${summary.laps.length} lap(s), best ${formatLapTime(best)}, ${summary.frames} frames, ${counters.packets} packets, ${counters.errors} dropped`,
  );
}

export function captureOut(): Out {
  return createOut();
}

export type { Command };
