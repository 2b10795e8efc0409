/** Short, stable game ids used on the command line, in the store and in exports. */
export const GAME_IDS = ['f1', 'ac', 'forza', 'gt7', 'pcars2', 'outgauge', 'outsim', 'demo', 'iracing', 'motec', 'csv'] as const;
export type GameId = (typeof GAME_IDS)[number];

/**
 * What a game says about the session as a whole. Every field but `game` is optional: games
 * differ in what they send, and an absent field is unknown, not empty.
 */
export type SessionInfo = {
  readonly game: GameId;
  /** Protocol version or variant, e.g. '2024' for the F1 24 UDP format, 'fh5' for Forza Horizon 5. */
  readonly format?: string;
  /** The game's own session identifier (F1 m_sessionUID as a decimal string). */
  readonly gameSessionId?: string;
  /** Stable key of the track within the game, e.g. 'monza', 'ks_monza/full', 'f1:11'. */
  readonly trackKey?: string;
  readonly trackName?: string;
  /** m, the game's official track length when it sends one. */
  readonly trackLength?: number;
  /**
   * 'track-shape' when the game sends no lap distance and racecraft projected each frame's
   * position onto the track's stored shape while recording (Forza, GT7); absent when the lap
   * distance is the game's own. Reports say which.
   */
  readonly lapDistanceFrom?: 'track-shape';
  /** m, lap distances where sector 2 and sector 3 start, when known. */
  readonly sectorStarts?: readonly number[];
  readonly carKey?: string;
  readonly carName?: string;
  readonly driver?: string;
  /** e.g. 'practice', 'qualifying', 'race', 'time-trial'. */
  readonly sessionType?: string;
  /** rpm at the limiter, for the shift light. */
  readonly maxRpm?: number;
  readonly gearCount?: number;
};

/** Merge newer session knowledge into what we had: later packets refine, never erase. */
export function mergeSessionInfo(base: SessionInfo, update: Partial<SessionInfo>): SessionInfo {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as SessionInfo;
}
