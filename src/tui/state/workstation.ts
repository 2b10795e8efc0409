import type { Units } from '../render/format.js';
import { cycleScreen, type ScreenId } from '../screens.js';

/**
 * Everything the user chose in the workstation (which screen, which laps, which rows), as one
 * plain value. Data (laps, traces, analysis) is not here: it comes from the store and the bus.
 */
export type WorkstationState = {
  readonly screen: ScreenId;
  readonly help: boolean;
  /** The session the Laps/Report/Compare/Map/Car screens show; undefined = the current one. */
  readonly viewedSession: number | undefined;
  /** The session browser is open on the Laps screen. */
  readonly browser: boolean;
  readonly sessionCursor: number;
  readonly lapCursor: number;
  /** The lap (store id) the report shows; undefined = the latest complete lap. */
  readonly reportLap: number | undefined;
  /** Laps marked for Compare, oldest mark first, at most two. */
  readonly compare: readonly number[];
  /** A lap the user made the reference with `r`; undefined = the settings' choice. */
  readonly referenceLap: number | undefined;
  /** Report and Compare: 0 = the whole lap, i > 0 = the i-th corner. */
  readonly cornerCursor: number;
  /** Car screen: the speed band of the g-g plot; undefined = all speeds. */
  readonly speedBand: number | undefined;
  readonly libraryCursor: number;
  readonly units: Units;
  /** A one-line note in the footer (reference set, pull finished, …). */
  readonly message: string | undefined;
};

export type WorkstationAction =
  | { readonly type: 'go'; readonly screen: ScreenId }
  | { readonly type: 'cycle'; readonly by: number }
  | { readonly type: 'help'; readonly open?: boolean }
  | { readonly type: 'cursor'; readonly target: 'lap' | 'session' | 'corner' | 'library'; readonly by: number; readonly count: number }
  | { readonly type: 'band'; readonly by: number; readonly count: number }
  | { readonly type: 'open-report'; readonly lapId: number }
  | { readonly type: 'reference'; readonly lapId: number; readonly label: string }
  | { readonly type: 'mark'; readonly lapId: number }
  | { readonly type: 'browser'; readonly open: boolean }
  | { readonly type: 'view-session'; readonly sessionId: number | undefined }
  | { readonly type: 'units' }
  | { readonly type: 'message'; readonly text: string | undefined };

/** What belongs to the session being viewed: reset when another session is opened. */
const SESSION_VIEW = {
  browser: false,
  lapCursor: 0,
  reportLap: undefined,
  compare: [],
  referenceLap: undefined,
  cornerCursor: 0,
  speedBand: undefined,
} as const satisfies Partial<WorkstationState>;

export function initialState(overrides: Partial<WorkstationState> = {}): WorkstationState {
  return {
    screen: 'live',
    help: false,
    viewedSession: undefined,
    sessionCursor: 0,
    ...SESSION_VIEW,
    libraryCursor: 0,
    units: 'metric',
    message: undefined,
    ...overrides,
  };
}

const CURSOR_FIELD = { lap: 'lapCursor', session: 'sessionCursor', corner: 'cornerCursor', library: 'libraryCursor' } as const;

function clamp(value: number, count: number): number {
  return Math.max(0, Math.min(Math.max(0, count - 1), value));
}

export function workstationReducer(state: WorkstationState, action: WorkstationAction): WorkstationState {
  switch (action.type) {
    case 'go':
      return { ...state, screen: action.screen, help: false, message: undefined };
    case 'cycle':
      return { ...state, screen: cycleScreen(state.screen, action.by), help: false, message: undefined };
    case 'help':
      return { ...state, help: action.open ?? !state.help };
    case 'cursor': {
      const field = CURSOR_FIELD[action.target];
      return { ...state, [field]: clamp(state[field] + action.by, action.count) };
    }
    case 'band': {
      // Bands run undefined (all speeds) → 0 → … → count-1, and back.
      const current = state.speedBand === undefined ? -1 : state.speedBand;
      const next = Math.max(-1, Math.min(action.count - 1, current + action.by));
      return { ...state, speedBand: next < 0 ? undefined : next };
    }
    case 'open-report':
      return { ...state, screen: 'report', reportLap: action.lapId, cornerCursor: 0, help: false };
    case 'reference':
      return state.referenceLap === action.lapId
        ? { ...state, referenceLap: undefined, message: 'reference back to the settings choice' }
        : { ...state, referenceLap: action.lapId, message: `reference: ${action.label}` };
    case 'mark': {
      if (state.compare.includes(action.lapId)) return { ...state, compare: state.compare.filter((id) => id !== action.lapId) };
      const compare = [...state.compare, action.lapId].slice(-2);
      // The second mark is the request: show the two laps against each other.
      return { ...state, compare, cornerCursor: 0, ...(compare.length === 2 ? { screen: 'compare' as const } : {}) };
    }
    case 'browser':
      return { ...state, browser: action.open };
    case 'view-session':
      return { ...state, ...SESSION_VIEW, viewedSession: action.sessionId };
    case 'units':
      return { ...state, units: state.units === 'metric' ? 'imperial' : 'metric' };
    case 'message':
      return { ...state, message: action.text };
  }
}
