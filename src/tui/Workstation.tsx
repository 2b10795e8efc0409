import { Box, useApp, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { runsLineToLine } from '../engine/model/lap.js';
import { Footer } from './components/Footer.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { TabBar } from './components/TabBar.js';
import type { LibraryAccess, LibraryRow } from './data/library-access.js';
import type { ReferenceChoice } from './data/reference.js';
import { WorkstationData, type LapRow, type WorkstationSources } from './data/workstation-data.js';
import { useBusSample } from './hooks/use-bus-sample.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { KEYMAP, keyNames, resolveKey, type Command } from './keymap.js';
import type { Units } from './render/format.js';
import { type ScreenId } from './screens.js';
import { liveFrameRate, MAX_LIVE_FPS } from './state/frame-rate.js';
import type { LivePainter } from './live-painter.js';
import { initialState, workstationReducer, type WorkstationAction, type WorkstationState } from './state/workstation.js';
import { ScreenView } from './ScreenView.js';
import { liveScreenHeight } from './screens/LiveScreen.js';

/** The settings the TUI reads (a subset of src/cli/settings.ts's Settings). */
export type TuiSettings = { readonly units?: Units; readonly reference?: ReferenceChoice };

export type WorkstationProps = {
  readonly sources: Omit<WorkstationSources, 'library'>;
  /** Opens the library on first use; undefined = no library (no database file). */
  readonly openLibrary?: () => LibraryAccess | undefined;
  readonly settings?: TuiSettings;
  readonly initialScreen?: ScreenId;
  /** Open with the session browser (bare `racecraft`). */
  readonly browse?: boolean;
  /** Called once when the user quits (q / Ctrl-C). */
  readonly onQuit?: () => void;
  /** Fixed size (tests); default the terminal's, followed on resize. */
  readonly size?: TerminalSize;
  /** Most redraws per second of the live screens; default 30 on Live with a painter, else by terminal size (see frame-rate.ts). */
  readonly fps?: number;
  /**
   * Draws the Live screen between renders (mount.tsx gives one on a real terminal). Without it
   * (tests, ink-testing-library) the Live screen re-renders through Ink at the frame rate.
   */
  readonly painter?: LivePainter;
};

/** Rows outside the screen area: the tab bar and the footer. */
const CHROME_ROWS = 2;
/** Rows above the screen area (the tab bar): the screen's first terminal row. */
const TAB_ROWS = 1;

/** Footer hints of a screen's own keys, from the keymap (so they always match the keys). */
function hintsFor(screen: ScreenId, browser: boolean): string[] {
  // The session browser is the Laps screen's: other screens keep their own keys while it is open.
  if (browser && screen === 'laps') return ['↑↓ move', 'Enter open', 'Esc back'];
  return KEYMAP.filter((b) => b.scope === screen).map((b) => `${b.label} ${b.help}`);
}

/**
 * The workstation: seven screens over one data source, switched by number keys and Tab, all
 * keys resolved through the keymap table. Live screens redraw at most `fps` times a second.
 */
export function Workstation(props: WorkstationProps) {
  const { sources, settings } = props;
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const libraryRef = useRef<LibraryAccess | undefined | null>(null);
  const library = (): LibraryAccess | undefined => {
    if (libraryRef.current === null) {
      try {
        libraryRef.current = props.openLibrary?.();
      } catch {
        libraryRef.current = undefined;
      }
    }
    return libraryRef.current ?? undefined;
  };
  const data = useMemo(
    () => new WorkstationData({ ...sources, ...(props.openLibrary ? { library: lazyLibrary(library) } : {}) }),
    // The sources are fixed for the life of the workstation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const [state, dispatch] = useReducer(
    workstationReducer,
    initialState({
      screen: props.initialScreen ?? (sources.bus ? 'live' : 'laps'),
      browser: props.browse ?? false,
      units: settings?.units ?? 'metric',
    }),
  );
  const [generation, setGeneration] = useState(0);
  const [libraryView, setLibraryView] = useState<{ local: LibraryRow[]; remote: LibraryRow[] | undefined; busy: string | undefined }>({ local: [], remote: undefined, busy: undefined });
  const quitting = useRef(false);


  useEffect(() => {
    const bus = sources.bus;
    if (!bus) return undefined;
    // A game that answers at once (AC's handshake, GT7's first packets) spoke before this screen
    // subscribed: show the latest of those first.
    const earlier = bus.messages().at(-1);
    if (earlier !== undefined) dispatch({ type: 'message', text: earlier.text });
    return bus.subscribe((event) => {
      if (event.kind === 'lap' || event.kind === 'session') {
        data.invalidate();
        setGeneration((g) => g + 1);
      } else if (event.kind === 'message') {
        dispatch({ type: 'message', text: event.text });
      }
    });
  }, [sources.bus, data]);

  const refreshLibrary = () => {
    const lib = library();
    if (!lib) return;
    try {
      setLibraryView((v) => ({ ...v, local: lib.local() }));
    } catch (error) {
      dispatch({ type: 'message', text: `library: ${(error as Error).message}` });
    }
  };
  useEffect(() => {
    if (state.screen === 'library') refreshLibrary();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.screen]);

  useEffect(
    () => () => {
      libraryRef.current?.close();
    },
    [],
  );

  const sessionId = data.sessionId(state.viewedSession);
  const laps = data.laps(sessionId);
  const sessions = state.browser ? data.sessions() : [];
  const choice: ReferenceChoice = settings?.reference ?? 'best';

  const runLibrary = (what: 'pull' | 'push' | 'remote') => {
    const lib = library();
    if (!lib) return dispatch({ type: 'message', text: 'the library needs the database file' });
    if (!lib.server()) return dispatch({ type: 'message', text: 'not logged in: racecraft library login URL --token …' });
    setLibraryView((v) => ({ ...v, busy: what === 'remote' ? 'listing the server…' : `${what}ing…` }));
    const job = what === 'remote' ? lib.remote().then((rows) => (setLibraryView((v) => ({ ...v, remote: rows })), `${rows.length} item(s) on the server`)) : lib[what]();
    job.then(
      (note) => {
        setLibraryView((v) => ({ ...v, busy: undefined, local: safeLocal(lib) }));
        dispatch({ type: 'message', text: note });
        if (what === 'pull') {
          data.invalidate();
          setGeneration((g) => g + 1);
        }
      },
      (error: unknown) => {
        setLibraryView((v) => ({ ...v, busy: undefined }));
        dispatch({ type: 'message', text: `${what} failed: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };

  const run = (command: Command) => {
    const act = (action: WorkstationAction) => dispatch(action);
    if (command === 'quit') {
      if (!quitting.current) {
        quitting.current = true;
        props.onQuit?.();
        exit();
      }
      return;
    }
    if (command.startsWith('screen:')) return act({ type: 'go', screen: command.slice('screen:'.length) as ScreenId });
    switch (command) {
      case 'next-screen':
        return act({ type: 'cycle', by: 1 });
      case 'prev-screen':
        return act({ type: 'cycle', by: -1 });
      case 'help':
        return act({ type: 'help' });
      case 'units':
        return act({ type: 'units' });
      case 'close':
        if (state.help) return act({ type: 'help', open: false });
        if (state.browser && state.screen === 'laps') return act({ type: 'browser', open: false });
        if (state.screen === 'report' || state.screen === 'compare') return act({ type: 'go', screen: 'laps' });
        return undefined;
    }
    return runOnScreen(command, state, act);
  };

  const runOnScreen = (command: Command, s: WorkstationState, act: (a: WorkstationAction) => void) => {
    const lapAt = (i: number): LapRow | undefined => laps[i];
    const needStore = () => act({ type: 'message', text: 'lap traces need the database (this capture is not being recorded)' });
    if (s.screen === 'laps') {
      if (s.browser) {
        if (command === 'up' || command === 'down') return act({ type: 'cursor', target: 'session', by: command === 'up' ? -1 : 1, count: sessions.length });
        if (command === 'page-up' || command === 'page-down') return act({ type: 'cursor', target: 'session', by: command === 'page-up' ? -10 : 10, count: sessions.length });
        if (command === 'open') {
          const chosen = sessions[s.sessionCursor];
          if (chosen) act({ type: 'view-session', sessionId: chosen.id === data.liveSessionId() ? undefined : chosen.id });
        }
        if (command === 'sessions') return act({ type: 'browser', open: false });
        return undefined;
      }
      switch (command) {
        case 'up':
        case 'down':
          return act({ type: 'cursor', target: 'lap', by: command === 'up' ? -1 : 1, count: laps.length });
        case 'page-up':
        case 'page-down':
          return act({ type: 'cursor', target: 'lap', by: command === 'page-up' ? -10 : 10, count: laps.length });
        case 'open': {
          const lap = lapAt(s.lapCursor);
          if (!lap) return undefined;
          if (lap.id === undefined) return needStore();
          if (!runsLineToLine(lap)) return act({ type: 'message', text: `lap ${lap.number} is ${/^[aeiou]/.test(lap.category) ? 'an' : 'a'} ${lap.category} lap: it does not run line to line, so it has no report` });
          return act({ type: 'open-report', lapId: lap.id });
        }
        case 'reference': {
          const lap = lapAt(s.lapCursor);
          if (!lap) return undefined;
          if (lap.id === undefined) return needStore();
          if (!runsLineToLine(lap)) return act({ type: 'message', text: `lap ${lap.number} (${lap.category}) does not run line to line: it cannot be the reference` });
          return act({ type: 'reference', lapId: lap.id, label: `lap ${lap.number}` });
        }
        case 'mark': {
          const lap = lapAt(s.lapCursor);
          if (!lap) return undefined;
          if (lap.id === undefined) return needStore();
          if (!runsLineToLine(lap)) return act({ type: 'message', text: `lap ${lap.number} (${lap.category}) does not run line to line: it cannot be compared` });
          return act({ type: 'mark', lapId: lap.id });
        }
        case 'sessions':
          return data.hasStore ? act({ type: 'browser', open: true }) : needStore();
        case 'live-session':
          return act({ type: 'view-session', sessionId: undefined });
      }
      return undefined;
    }
    if (s.screen === 'report' || s.screen === 'compare') {
      if (command === 'up' || command === 'down') {
        const corners = cornerCount.current;
        return act({ type: 'cursor', target: 'corner', by: command === 'up' ? -1 : 1, count: corners + 1 });
      }
      return undefined;
    }
    if (s.screen === 'car' && (command === 'left' || command === 'right')) {
      return act({ type: 'band', by: command === 'left' ? -1 : 1, count: bandCount.current });
    }
    if (s.screen === 'library') {
      const libraryRows = libraryView.local.length + (libraryView.remote?.length ?? 0);
      switch (command) {
        // One cursor runs down the local items, then on into the server's.
        case 'up':
        case 'down':
          return act({ type: 'cursor', target: 'library', by: command === 'up' ? -1 : 1, count: libraryRows });
        case 'page-up':
        case 'page-down':
          return act({ type: 'cursor', target: 'library', by: command === 'page-up' ? -10 : 10, count: libraryRows });
        case 'pull':
        case 'push':
          return runLibrary(command);
        case 'refresh':
          refreshLibrary();
          return runLibrary('remote');
        case 'use': {
          const row = libraryView.local[s.libraryCursor];
          const lib = library();
          const onServer = libraryView.remote?.[s.libraryCursor - libraryView.local.length];
          if (!row && onServer) return act({ type: 'message', text: `${onServer.key} is only on the server: p pulls it, then Enter uses it` });
          if (!row || !lib) return undefined;
          if (row.kind !== 'reference') return act({ type: 'message', text: `${row.key} is a ${row.kind}, not a reference lap` });
          try {
            act({ type: 'message', text: lib.use(row.key) });
            data.invalidate();
            setGeneration((g) => g + 1);
          } catch (error) {
            act({ type: 'message', text: (error as Error).message });
          }
          return undefined;
        }
      }
    }
    return undefined;
  };

  // Counts the key handler needs from what the current screen shows (set while rendering it).
  const cornerCount = useRef(0);
  const bandCount = useRef(0);

  // Keys can arrive before Ink re-subscribes the newest handler (escape sequences are parsed
  // asynchronously): always act on the latest render's state and data.
  const latest = useRef({ run, screen: state.screen });
  latest.current = { run, screen: state.screen };
  // Several keys in one read ("jj" from key repeat, "2j" typed quickly over SSH) run one per
  // render, each against the state the previous one left (the second key of "2j" is the Laps screen's).
  const pendingKeys = useRef<string[]>([]);
  const [, nextKey] = useReducer((n: number) => n + 1, 0);
  const runPendingKey = () => {
    const name = pendingKeys.current.shift();
    if (name === undefined) return;
    const command = resolveKey(name, latest.current.screen);
    if (command) latest.current.run(command);
    if (pendingKeys.current.length > 0) nextKey();
  };
  useEffect(() => {
    if (pendingKeys.current.length > 0) runPendingKey();
  });
  useInput((input, key) => {
    const names = keyNames(input, key);
    if (names.length === 0) return;
    const waiting = pendingKeys.current.length > 0;
    pendingKeys.current.push(...names);
    if (!waiting) runPendingKey();
  });

  const rows = Math.max(10, size.rows - 1);
  const contentHeight = rows - CHROME_ROWS;
  // The Live screen redraws many times a second and Ink re-renders every line each time: it
  // takes only the lines it uses (the footer follows it), other screens the whole terminal.
  const screenHeight = state.screen === 'live' && !state.help && sources.bus ? liveScreenHeight(contentHeight) : contentHeight;
  const onLive = state.screen === 'live' && !state.help && sources.bus !== undefined;
  // The painter needs the workstation at fixed rows from the top: Ink's whole output must fit
  // the terminal (it does unless the terminal is under 11 rows, where the root keeps 10).
  const painter = onLive && props.painter && size.rows > rows ? props.painter : undefined;
  const live = (state.screen === 'live' || state.screen === 'map') && !state.help;
  const fps = props.fps ?? (painter ? MAX_LIVE_FPS : liveFrameRate(size.columns, screenHeight + CHROME_ROWS));
  // With the painter, the Live screen moves without React: the workstation renders only on events.
  useBusSample(sources.bus, live && !painter ? fps : 0);
  return (
    // Clip the root below the terminal height: taller output makes Ink clear the scrollback each frame.
    <Box flexDirection="column" width={size.columns} height={screenHeight + CHROME_ROWS} overflowY="hidden">
      <TabBar screen={state.screen} width={size.columns} live={sources.bus !== undefined} />
      {/* Screens keep their natural height (never squeezed, which overlaps their lines) and are clipped here. */}
      <Box flexDirection="column" height={screenHeight} overflowY="hidden">
        {state.help ? (
          <HelpOverlay screen={state.screen} width={size.columns} />
        ) : (
          <ScreenView
            state={state}
            data={data}
            generation={generation}
            sessionId={sessionId}
            laps={laps}
            sessions={sessions}
            choice={choice}
            library={libraryView}
            libraryAvailable={props.openLibrary !== undefined}
            libraryServer={libraryRef.current?.server()}
            width={size.columns}
            height={screenHeight}
            counts={{ corners: cornerCount, bands: bandCount }}
            {...(painter ? { paint: { painter, fps, top: TAB_ROWS } } : {})}
          />
        )}
      </Box>
      <Footer hints={hintsFor(state.screen, state.browser)} message={state.message} width={size.columns} />
    </Box>
  );
}

function lazyLibrary(get: () => LibraryAccess | undefined): LibraryAccess {
  const lib = (): LibraryAccess => {
    const l = get();
    if (!l) throw new Error('no library');
    return l;
  };
  return {
    local: () => lib().local(),
    server: () => get()?.server(),
    remote: () => lib().remote(),
    pull: () => lib().pull(),
    push: () => lib().push(),
    use: (key) => lib().use(key),
    chosenReference: (game, track) => get()?.chosenReference(game, track),
    close: () => get()?.close(),
  };
}

function safeLocal(lib: LibraryAccess): LibraryRow[] {
  try {
    return lib.local();
  } catch {
    return [];
  }
}
