import type { ChannelName } from './channels.js';

/** Per-sample channel values. A channel the game does not send is absent, never 0. */
export type ChannelValues = { readonly [K in ChannelName]?: number };

/**
 * One normalized sample of the player's car, SI units (see CHANNELS).
 *
 * `t` is the game's session clock, never the wall clock, so replays and imports analyse the same
 * as live capture. `lap` is the game's own lap counter (1 = first lap that started at the line;
 * 0 = before the car first crossed the line, e.g. the out-lap from the pits in some games).
 */
export type TelemetryFrame = ChannelValues & {
  /** s, session time from the game. */
  readonly t: number;
  /** The game's lap number, 1-based. */
  readonly lap: number;
  /** s, the game's time for the previous lap, when the game sends it (F1, AC, PC2, Forza, GT7). */
  readonly lastLapTime?: number;
  /** The game has flagged the current lap invalid (track limits, cut). */
  readonly lapInvalid?: boolean;
  /** The car is in the pit lane or pit box. */
  readonly inPit?: boolean;
};

/** The lap state fields of a frame that are not numeric channels. */
export const FRAME_STATE_FIELDS = ['t', 'lap', 'lastLapTime', 'lapInvalid', 'inPit'] as const;
