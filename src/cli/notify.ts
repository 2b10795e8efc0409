import type { FrameBus } from '../engine/capture/frame-bus.js';
import type { Store } from '../store/index.js';
import { formatLapTime } from './output.js';

/** What racecraft tells the desktop about. */
export type NotificationKind = 'personal-best' | 'session-saved' | 'sync-finished';

const TITLES: Record<NotificationKind, string> = {
  'personal-best': 'racecraft · personal best',
  'session-saved': 'racecraft · session saved',
  'sync-finished': 'racecraft · library synced',
};

/** The notifier racecraft calls (node-notifier's notify, or a test double). */
export type Notifier = (message: { title: string; message: string; wait: false }, callback: (error: unknown) => void) => void;

let loaded: Promise<Notifier | undefined> | undefined;

/** node-notifier, loaded on first use; undefined when it cannot load. */
function loadNotifier(): Promise<Notifier | undefined> {
  loaded ??= import('node-notifier').then(
    (mod) => {
      const notifier = (mod as { default?: { notify: Notifier } }).default ?? (mod as unknown as { notify: Notifier });
      return (message, callback) => notifier.notify(message, callback);
    },
    () => undefined,
  );
  return loaded;
}

/**
 * A desktop notification, best effort: off when the `notifications` setting is off; never
 * throws, never waits for the desktop (the returned promise settles once the request is handed
 * over, and errors — no notification daemon, no display over SSH — are swallowed). Returns
 * whether a notification was requested.
 */
export async function notify(kind: NotificationKind, text: string, settings: { readonly notifications: boolean }, notifier?: Notifier): Promise<boolean> {
  if (!settings.notifications) return false;
  try {
    const send = notifier ?? (await loadNotifier());
    if (!send) return false;
    send({ title: TITLES[kind], message: text, wait: false }, () => {});
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches a capture for personal bests: a valid flying lap faster than the best stored for the
 * track (and car) before it. The first timed lap on a new track sets the mark without a
 * notification. Returns the unsubscribe function.
 */
export function watchPersonalBests(options: {
  readonly bus: FrameBus;
  readonly store: Store;
  readonly settings: { readonly notifications: boolean };
  /** Defaults to `notify`; tests pass their own. */
  readonly send?: (kind: NotificationKind, text: string) => void;
}): () => void {
  const { bus, store } = options;
  const send = options.send ?? ((kind, text) => void notify(kind, text, options.settings));
  const marks = new Map<string, number | undefined>();
  const keyOf = (): { key: string; game: string; track: string; car: string | undefined } | undefined => {
    const info = bus.session();
    if (!info?.trackKey) return undefined;
    return { key: `${info.game}\u0000${info.trackKey}\u0000${info.carKey ?? ''}`, game: info.game, track: info.trackKey, car: info.carKey };
  };
  const remember = (): void => {
    const k = keyOf();
    if (!k || marks.has(k.key)) return;
    // Taken when the track becomes known, before this session has a lap of its own.
    marks.set(k.key, store.laps.bestByTrack(k.game, k.track, k.car)?.time);
  };
  remember();
  return bus.subscribe((event) => {
    if (event.kind === 'session') return remember();
    if (event.kind !== 'lap') return undefined;
    const lap = event.lap;
    if (!lap.valid || lap.category !== 'flying') return undefined;
    remember();
    const k = keyOf();
    if (!k) return undefined;
    const before = marks.get(k.key);
    if (before === undefined || lap.time < before) {
      marks.set(k.key, lap.time);
      const where = bus.session()?.trackName ?? k.track;
      if (before !== undefined) send('personal-best', `${formatLapTime(lap.time)} at ${where} (lap ${lap.number}), ${(before - lap.time).toFixed(3)} s faster`);
    }
    return undefined;
  });
}
