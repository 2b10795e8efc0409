import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameBus } from '../../../src/engine/capture/frame-bus.js';
import { createLibraryClient, listAll } from '../../../src/store/library/client.js';
import { itemContent, itemFacts, itemKey } from '../../../src/store/library/items.js';
import { createLibrarySettings } from '../../../src/store/library/settings.js';
import { openStore } from '../../../src/store/index.js';
import { openStoreLibrary } from '../../../src/tui/data/store-library.js';
import { Workstation } from '../../../src/tui/Workstation.js';
import { sampleCar } from '../../store/library/fixtures.js';
import { serve, sqliteFactory, tokens, type BackendEnv, type TestServer } from '../../store/library/harness.js';
import { KEYS, eventually, settle } from '../fixtures.js';

/**
 * The Library screen against the real server (in this process, SQLite backend) holding 250
 * cars, three pages of the server's default 100. car000 is pushed again last (version 2): the
 * server lists each item's current version in push order, so car000 is the 250th.
 */
const CARS = 250;
let env: BackendEnv;
let server: TestServer;
let dir: string;
let readToken: string;

beforeAll(async () => {
  env = await sqliteFactory().create();
  server = await serve(env.backend);
  readToken = (await tokens(env.backend)).read;
  for (let i = 0; i < CARS; i++) {
    const item = sampleCar(`car${String(i).padStart(3, '0')}`);
    const { id, body } = itemContent(item);
    await env.backend.push({ kind: 'car', key: itemKey('car', item), baseVersion: 0, id, body, author: 'seed', ...itemFacts('car', item) });
  }
  const renamed = { ...sampleCar('car000'), name: 'Renamed GT3' };
  const { id, body } = itemContent(renamed);
  await env.backend.push({ kind: 'car', key: itemKey('car', renamed), baseVersion: 1, id, body, author: 'seed', ...itemFacts('car', renamed) });
  dir = mkdtempSync(join(tmpdir(), 'racecraft-tui-lib-'));
  createLibrarySettings({ cwd: dir }).saveLogin({ url: server.url, token: readToken });
});

afterAll(async () => {
  await server.close();
  await env.backend.close();
  await env.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('listAll', () => {
  it('follows the cursor through every page', async () => {
    const client = createLibraryClient({ url: server.url, token: readToken });
    const first = await client.list();
    expect(first.items).toHaveLength(100);
    expect(first.more).toBe(true);
    for (const pageSize of [100, 7, 500]) {
      const all = await listAll(client, {}, pageSize);
      expect(all).toHaveLength(CARS);
      expect(new Set(all.map((s) => s.key)).size).toBe(CARS);
      expect(all.at(-1)).toMatchObject({ key: 'demo/car000', version: 2, name: 'Renamed GT3' });
    }
    expect(await listAll(client, { kind: 'track' })).toEqual([]);
  });
});

describe('Library screen with a 250-item server', () => {
  it('lists every item (newest version of each) and scrolls to the 250th', async () => {
    const store = openStore(join(dir, 'racecraft.db'));
    const app = render(
      <Workstation sources={{ bus: new FrameBus(), store }} openLibrary={() => openStoreLibrary(store.path, dir)} initialScreen="library" size={{ columns: 100, rows: 30 }} fps={0} />,
    );
    try {
      await settle();
      app.stdin.write('g');
      const listed = await eventually(() => app.lastFrame() ?? '', 'On the server (250)', 10_000);
      expect(listed).toContain('250 item(s) on the server');
      expect(listed).toMatch(/▶ car +demo\/car001 +Car car001 +server +1/);
      for (let i = 0; i < 30; i++) {
        app.stdin.write(KEYS.pageDown);
        await settle(10);
      }
      await settle();
      let f = app.lastFrame() ?? '';
      expect(f).toMatch(/▶ car +demo\/car000 +Renamed GT3 +server +2/);
      expect(f).toMatch(/ {2}car +demo\/car249 +Car car249 +server +1/);
      app.stdin.write(KEYS.enter);
      await settle();
      expect(app.lastFrame() ?? '').toContain('demo/car000 is only on the server: p pulls it');
      app.stdin.write('k');
      await settle();
      expect(app.lastFrame() ?? '').toMatch(/▶ car +demo\/car249 /);
    } finally {
      app.unmount();
      store.close();
    }
  });
});
