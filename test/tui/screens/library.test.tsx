import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameBus } from '../../../src/engine/capture/frame-bus.js';
import { openStore } from '../../../src/store/index.js';
import type { LibraryAccess, LibraryRow } from '../../../src/tui/data/library-access.js';
import { Workstation } from '../../../src/tui/Workstation.js';
import { KEYS, eventually, settle, steady } from '../fixtures.js';

const LOCAL: LibraryRow[] = [
  { kind: 'track', key: 'f1/monza', name: 'Monza', status: 'synced', version: 3, lapTime: null },
  { kind: 'reference', key: 'f1/monza/sf-24/ana', name: 'Ana at Monza', status: 'new', version: null, lapTime: 81.234 },
];

function fakeLibrary(loggedIn: boolean): LibraryAccess & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    local: () => LOCAL,
    server: () => (loggedIn ? 'http://127.0.0.1:8787' : undefined),
    remote: vi.fn(async () => [{ kind: 'car' as const, key: 'f1/sf-24', name: 'SF-24', status: 'server', version: 2, lapTime: null }]),
    pull: vi.fn(async () => (calls.push('pull'), 'pulled: 1 new, 0 updated, 2 unchanged')),
    push: vi.fn(async () => (calls.push('push'), 'pushed: 1 new version(s), 0 unchanged')),
    use: vi.fn((key: string) => (calls.push(`use ${key}`), `reference for f1 monza: ${key}`)),
    chosenReference: () => undefined,
    close: () => calls.push('close'),
  };
}

const apps: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

async function open(library: LibraryAccess | undefined) {
  const store = openStore(':memory:');
  const app = render(
    <Workstation sources={{ bus: new FrameBus(), store }} {...(library ? { openLibrary: () => library } : {})} initialScreen="library" size={{ columns: 100, rows: 30 }} fps={0} />,
  );
  apps.push(app);
  await settle();
  return {
    frame: () => app.lastFrame() ?? '',
    press: async (...keys: string[]) => {
      for (const k of keys) {
        app.stdin.write(k);
        await settle();
      }
      // What the user ends up seeing: a loaded machine can take longer than one settle to redraw.
      return steady(() => app.lastFrame() ?? '');
    },
  };
}

describe('Library screen', () => {
  it('lists local items and, with g, the server', async () => {
    const lib = fakeLibrary(true);
    const { frame, press } = await open(lib);
    const f = frame();
    expect(f).toContain('Library  · server http://127.0.0.1:8787');
    expect(f).toContain('Local (2)');
    expect(f).toMatch(/▶ track +f1\/monza +Monza +synced +3/);
    expect(f).toMatch(/ {2}reference +f1\/monza\/sf-24\/ana +Ana at Monza +new +– +1:21\.234/);
    expect(f).toContain('g lists the server');
    await press('g');
    const listed = await eventually(frame, 'On the server (1)');
    expect(listed).toContain('On the server (1)');
    expect(listed).toMatch(/car +f1\/sf-24 +SF-24 +server +2/);
    expect(listed).toContain('1 item(s) on the server');
  });

  it('pulls with p and pushes with P, reporting what happened', async () => {
    const lib = fakeLibrary(true);
    const { frame, press } = await open(lib);
    await press('p');
    expect(await eventually(frame, 'pulled:')).toContain('pulled: 1 new, 0 updated, 2 unchanged');
    await press('P');
    expect(await eventually(frame, 'pushed:')).toContain('pushed: 1 new version(s), 0 unchanged');
    expect(lib.calls).toEqual(['pull', 'push']);
  });

  it('uses a reference lap with Enter and refuses other kinds', async () => {
    const lib = fakeLibrary(true);
    const { press } = await open(lib);
    expect(await press(KEYS.enter)).toContain('f1/monza is a track, not a reference lap');
    expect(await press('j', KEYS.enter)).toContain('reference for f1 monza: f1/monza/sf-24/ana');
    expect(lib.calls).toEqual(['use f1/monza/sf-24/ana']);
  });

  it('says how to log in instead of pulling when not logged in', async () => {
    const lib = fakeLibrary(false);
    const { frame, press } = await open(lib);
    expect(frame()).toContain('not logged in (racecraft library login URL --token …)');
    expect(await press('p')).toContain('not logged in: racecraft library login URL --token');
    expect(lib.calls).toEqual([]);
  });

  it('reports a failed pull as one line', async () => {
    const lib = fakeLibrary(true);
    lib.pull = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:8787');
    };
    const { frame, press } = await open(lib);
    await press('p');
    expect(await eventually(frame, 'pull failed')).toContain('pull failed: connect ECONNREFUSED 127.0.0.1:8787');
  });

  it('explains that the library needs the database', async () => {
    const { frame } = await open(undefined);
    expect(frame()).toContain('the library lives in the database');
  });
});
