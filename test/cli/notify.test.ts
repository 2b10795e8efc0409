import { describe, expect, it, vi } from 'vitest';
import { notify, watchPersonalBests, type NotificationKind } from '../../src/cli/notify.js';
import { FrameBus } from '../../src/engine/capture/frame-bus.js';
import { toTrace, type Lap } from '../../src/engine/model/index.js';
import { openStore } from '../../src/store/index.js';

describe('notify', () => {
  it('hands the message to the notifier and does not wait for the desktop', async () => {
    const notifier = vi.fn();
    expect(await notify('personal-best', '1:32.681 at Kestrel Park', { notifications: true }, notifier)).toBe(true);
    expect(notifier).toHaveBeenCalledWith({ title: 'racecraft · personal best', message: '1:32.681 at Kestrel Park', wait: false }, expect.any(Function));
  });

  it('does nothing when notifications are off', async () => {
    const notifier = vi.fn();
    expect(await notify('session-saved', 'x', { notifications: false }, notifier)).toBe(false);
    expect(notifier).not.toHaveBeenCalled();
  });

  it('never throws: a failing notifier costs the notification only', async () => {
    const broken = () => {
      throw new Error('no D-Bus session');
    };
    expect(await notify('sync-finished', 'x', { notifications: true }, broken)).toBe(false);
  });

  it('loads node-notifier lazily and survives a desktop without a notification daemon', async () => {
    await expect(notify('session-saved', 'racecraft test (ignore)', { notifications: true })).resolves.toBeTypeOf('boolean');
  });
});

describe('personal best watch', () => {
  const info = { game: 'demo' as const, trackKey: 'demo:kestrel', trackName: 'Kestrel Park', carKey: 'demo:rc1' };
  const lap = (number: number, time: number, valid = true): Lap => ({ number, time, timeSource: 'game', valid, category: 'flying', sectors: [], startT: 0, endT: time });

  it('notifies a lap faster than the best stored before, and each later improvement', () => {
    const store = openStore(':memory:');
    const earlier = store.sessions.create(info, { source: 'demo', startedAt: 1 });
    store.laps.insert(earlier, lap(1, 90), toTrace([{ t: 0, lap: 1, speed: 50 }, { t: 90, lap: 1, speed: 50 }]));
    const bus = new FrameBus();
    const sent: [NotificationKind, string][] = [];
    const stop = watchPersonalBests({ bus, store, settings: { notifications: true }, send: (k, t) => void sent.push([k, t]) });
    bus.publishSession(info);
    for (const l of [lap(1, 91), lap(2, 89.5), lap(3, 89.7), lap(4, 89, false), { ...lap(5, 88), category: 'out' as const }, lap(6, 89.2)]) bus.publishLap(l);
    stop();
    bus.publishLap(lap(7, 80));
    expect(sent).toEqual([
      ['personal-best', '1:29.500 at Kestrel Park (lap 2), 0.500 s faster'],
      ['personal-best', '1:29.200 at Kestrel Park (lap 6), 0.300 s faster'],
    ]);
  });

  it('sets the mark with the first timed lap on a track never driven, without a notification', () => {
    const store = openStore(':memory:');
    const bus = new FrameBus();
    const sent: string[] = [];
    watchPersonalBests({ bus, store, settings: { notifications: true }, send: (_k, t) => void sent.push(t) });
    bus.publishSession({ ...info, trackKey: 'demo:harbour', trackName: 'Harbour' });
    bus.publishLap(lap(1, 70));
    bus.publishLap(lap(2, 69.25));
    expect(sent).toEqual(['1:09.250 at Harbour (lap 2), 0.750 s faster']);
  });
});
