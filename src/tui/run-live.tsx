import type { FrameBus } from '../engine/capture/frame-bus.js';
import type { Store } from '../store/index.js';
import type { LibraryAccess } from './data/library-access.js';
import type { ScreenId } from './screens.js';
import { assertInteractive } from './tui-error.js';
import type { TuiSettings } from './Workstation.js';

export type { TuiSettings } from './Workstation.js';
export { TuiUserError, assertInteractive } from './tui-error.js';

/** Streams the TUI draws on and reads keys from (default the process's; the bench passes fakes). */
export type TuiStreams = { readonly stdin?: NodeJS.ReadStream; readonly stdout?: NodeJS.WriteStream };

export type LiveTuiOptions = TuiStreams & {
  /** Live data of a capture in progress; absent when only browsing the database. */
  readonly bus?: FrameBus;
  /** The open database (the recording's own): laps, traces and earlier sessions. */
  readonly store?: Store;
  /** The session being recorded; a function because the recorder opens it at the first frame. */
  readonly sessionId?: number | (() => number | undefined);
  /** units, reference choice (src/cli/settings.ts's Settings fits). */
  readonly settings?: TuiSettings;
  readonly title: string;
  /** Close the TUI by itself when this settles (e.g. a timed run, a stop signal). */
  readonly until?: Promise<unknown>;
  readonly initialScreen?: ScreenId;
  /** Directory of the settings file the library login lives in (tests); default the user's. */
  readonly configDir?: string;
  /** Replaces the library on the store's file (tests). */
  readonly library?: () => LibraryAccess | undefined;
  /** Most redraws per second of the live screens; default by terminal size (at most 30, see state/frame-rate.ts). */
  readonly fps?: number;
};

/**
 * The workstation over a live capture: opens on the Live screen and shows the other screens
 * over the recording's own database. Resolves when the user quits (q / Ctrl-C) or `until`
 * settles; the caller then stops the recorder, so quitting never loses the recording.
 * Throws a user error (exit 1, one line) when stdin or stdout is not a terminal.
 */
export async function runLiveTui(options: LiveTuiOptions): Promise<void> {
  await runWorkstation(options, { ...(options.initialScreen ? { initialScreen: options.initialScreen } : {}) });
}

export type BrowserTuiOptions = TuiStreams & {
  readonly store: Store;
  readonly settings?: TuiSettings;
  readonly configDir?: string;
  readonly library?: () => LibraryAccess | undefined;
};

/**
 * The workstation without a live capture (bare `racecraft` when no game is sending): opens on
 * the Laps screen with the session browser. Same quitting and terminal rules as runLiveTui.
 */
export async function runBrowserTui(options: BrowserTuiOptions): Promise<void> {
  await runWorkstation({ ...options, title: 'racecraft' }, { initialScreen: 'laps', browse: true });
}

async function runWorkstation(options: LiveTuiOptions, open: { initialScreen?: ScreenId; browse?: boolean }): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  assertInteractive(stdin, stdout);
  // React's development build costs several times the CPU per redraw; it is chosen when React
  // loads, so say "production" before the first import of it (this module imports none).
  process.env['NODE_ENV'] ??= 'production';
  // Ink reads CI / CONTINUOUS_INTEGRATION once, when it loads, and in "CI mode" writes only the
  // last frame on exit: a user with CI=1 in their shell would stare at an empty screen. We are
  // drawing on a terminal a person reads (assertInteractive said so), so that mode never applies.
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (process.env[key] !== undefined) process.env[key] = 'false';
  const { mountWorkstation } = await import('./mount.js');
  const store = options.store;
  const openLibrary =
    options.library ??
    (store && store.path !== ':memory:' ? await libraryOnFile(store.path, options.configDir ?? process.env['RACECRAFT_CONFIG_DIR']) : undefined);
  const app = mountWorkstation({
    stdin,
    stdout,
    ...(options.fps !== undefined ? { fps: options.fps } : {}),
    props: {
      sources: {
        ...(options.bus ? { bus: options.bus } : {}),
        ...(store ? { store } : {}),
        ...(options.sessionId !== undefined ? { sessionId: options.sessionId } : {}),
      },
      ...(openLibrary ? { openLibrary } : {}),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(open.initialScreen ? { initialScreen: open.initialScreen } : {}),
      ...(open.browse ? { browse: true } : {}),
    },
  });
  try {
    await Promise.race([app.done, ...(options.until ? [options.until.then(() => undefined, () => undefined)] : [])]);
  } finally {
    app.close();
  }
}

/** The library on the database file, loaded only when the workstation has one. */
async function libraryOnFile(path: string, configDir: string | undefined): Promise<() => LibraryAccess | undefined> {
  const { openStoreLibrary } = await import('./data/store-library.js');
  return () => openStoreLibrary(path, configDir);
}
