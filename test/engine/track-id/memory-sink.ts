import type { RecordingSink } from '../../../src/engine/capture/recording-sink.js';
import type { Lap, SessionInfo, Trace } from '../../../src/engine/model/index.js';
import type { KnownShape, TrackShape } from '../../../src/engine/track-id/index.js';

/** Shapes kept across recordings, as the store keeps them (per game, per track key). */
export type ShapeShelf = Map<string, Map<string, KnownShape>>;

export type MemorySink = RecordingSink & {
  readonly sessions: SessionInfo[];
  readonly laps: { lap: Lap; trace: Trace }[];
  readonly saves: { game: string; trackKey: string; name: string | undefined; shape: TrackShape }[];
};

/** A recording sink in memory whose track shapes live on `shelf`, so several recordings share them. */
export function memorySink(shelf: ShapeShelf): MemorySink {
  const sessions: SessionInfo[] = [];
  const laps: { lap: Lap; trace: Trace }[] = [];
  const saves: MemorySink['saves'] = [];
  return {
    sessions,
    laps,
    saves,
    createSession: (info) => sessions.push(info),
    updateSession: (id, info) => void (sessions[id - 1] = info),
    finishSession: () => {},
    appendChunk: () => {},
    insertLap: (_id, lap, trace) => void laps.push({ lap, trace }),
    discardAfter: () => {},
    trackShapes: (game) => [...(shelf.get(game)?.values() ?? [])],
    saveTrackShape: (game, trackKey, name, shape) => {
      saves.push({ game, trackKey, name, shape });
      let byKey = shelf.get(game);
      if (!byKey) shelf.set(game, (byKey = new Map()));
      const kept = name ?? byKey.get(trackKey)?.name;
      byKey.set(trackKey, kept === undefined ? { trackKey, shape } : { trackKey, name: kept, shape });
    },
  };
}
