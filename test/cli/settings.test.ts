import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/config.js';
import type { Out } from '../../src/cli/output.js';
import { defaultUnitSystem } from '../../src/cli/report/default-units.js';
import { readSettingsFile, settingsFilePath } from '../../src/cli/settings-file.js';
import { SETTING_KEYS, defaultSettings, loadSettings, openSettings } from '../../src/cli/settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'racecraft-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('reads defaults without writing a file, and each game its own port', () => {
    const s = openSettings({ cwd: dir });
    expect(s.read()).toEqual(defaultSettings());
    expect(s.get('units')).toBe('metric');
    expect(s.get('reference')).toBe('best');
    expect(s.get('notifications')).toBe(true);
    expect(s.get('ports.f1')).toBe(20777);
    expect(s.get('ports.gt7')).toBe(33740);
    expect(() => statSync(s.path)).toThrow();
  });

  it('validates and stores values, in a file only its owner can read', () => {
    const s = openSettings({ cwd: dir });
    expect(s.set('units', 'imperial')).toBe('imperial');
    expect(s.set('notifications', 'off')).toBe(false);
    expect(s.set('ports.f1', '20778')).toBe(20778);
    expect(s.set('reference', 'session-best')).toBe('session-best');
    const again = openSettings({ cwd: dir }).read();
    expect(again).toMatchObject({ units: 'imperial', notifications: false, reference: 'session-best' });
    expect(again.ports['f1']).toBe(20778);
    expect(again.ports['ac']).toBe(9996);
    expect(statSync(s.path).mode & 0o777).toBe(0o600);
    s.reset('units');
    expect(openSettings({ cwd: dir }).get('units')).toBe('metric');
  });

  it('refuses bad values and unknown keys with one line that says what is allowed', () => {
    const s = openSettings({ cwd: dir });
    expect(() => s.set('units', 'furlongs')).toThrow("units must be one of metric, imperial, got 'furlongs'");
    expect(() => s.set('reference', 'fastest')).toThrow("reference must be one of best, session-best, library, got 'fastest'");
    expect(() => s.set('notifications', 'maybe')).toThrow("notifications must be on or off (true/false), got 'maybe'");
    expect(() => s.set('ports.f1', '70000')).toThrow("ports.f1 must be a UDP port (1–65535), got '70000'");
    expect(() => s.set('ports.f1', '1e3')).toThrow('must be a UDP port');
    expect(() => s.get('colour')).toThrow("unknown setting 'colour'");
    try {
      s.set('ports.nope', '1');
    } catch (error) {
      expect((error as { name: string }).name).toBe('UserError');
      expect((error as { hint: string }).hint).toContain('units, reference, notifications, ports.f1');
    }
  });

  it('leaves the library login beside its keys alone', () => {
    const s = openSettings({ cwd: dir });
    s.set('units', 'imperial');
    const file = JSON.parse(readFileSync(s.path, 'utf8')) as Record<string, unknown>;
    writeFileSync(s.path, JSON.stringify({ ...file, library: { url: 'http://x', token: 'rc_secret' } }));
    openSettings({ cwd: dir }).set('notifications', 'no');
    expect(JSON.parse(readFileSync(s.path, 'utf8'))).toEqual({ units: 'imperial', notifications: false, library: { url: 'http://x', token: 'rc_secret' } });
  });

  it('falls back to the defaults when the file is broken, and RACECRAFT_CONFIG_DIR moves it', () => {
    const s = openSettings({ env: { RACECRAFT_CONFIG_DIR: dir } });
    expect(s.path).toBe(join(dir, 'config.json'));
    writeFileSync(s.path, '{"units": "parsecs"}');
    expect(loadSettings({ cwd: dir })).toEqual(defaultSettings());
    expect(() => openSettings({ cwd: dir })).toThrow(/cannot read the settings file/);
  });
});

describe('the light settings reader (reports read units without loading conf)', () => {
  it('names the file conf writes, with RACECRAFT_CONFIG_DIR and without', () => {
    expect(settingsFilePath({ RACECRAFT_CONFIG_DIR: dir })).toBe(openSettings({ env: { RACECRAFT_CONFIG_DIR: dir } }).path);
    // Without the override both fall back to the user's config directory; compare the paths only.
    expect(settingsFilePath({})).toBe(openSettings({ env: {} }).path);
  });

  it('reports follow `config set units`, default metric, and shrug off a broken file', async () => {
    const env = { RACECRAFT_CONFIG_DIR: dir };
    expect(await defaultUnitSystem(env)).toBe('metric');
    openSettings({ cwd: dir }).set('units', 'imperial');
    expect(await defaultUnitSystem(env)).toBe('imperial');
    writeFileSync(settingsFilePath(env), '{"units": "furlongs"}');
    expect(await defaultUnitSystem(env)).toBe('metric');
    writeFileSync(settingsFilePath(env), 'not json');
    expect(readSettingsFile(env)).toEqual({});
    expect(await defaultUnitSystem(env)).toBe('metric');
  });
});

describe('racecraft config', () => {
  function program() {
    const lines: string[] = [];
    const notes: string[] = [];
    const out: Out = { line: (t = '') => void lines.push(t), note: (t) => void notes.push(t), json: (v) => void lines.push(JSON.stringify(v)), record: (v) => void lines.push(JSON.stringify(v)) };
    const p = new Command('racecraft').exitOverride();
    register(p, { settings: () => openSettings({ cwd: dir }), out: () => out });
    return { run: (...args: string[]) => p.parseAsync(['node', 'racecraft', ...args]), lines, notes };
  }

  it('sets, gets one key, lists all, and prints the path', async () => {
    const { run, lines, notes } = program();
    await run('config', 'set', 'units', 'imperial');
    expect(notes).toEqual(['units = imperial']);
    await run('config', 'get', 'units');
    expect(lines).toEqual(['imperial']);
    lines.length = 0;
    await run('config', 'get');
    expect(lines[0]).toBe('units           imperial');
    expect(lines).toContain('ports.f1        20777');
    expect(lines).toHaveLength(Object.keys(SETTING_KEYS).length);
    lines.length = 0;
    await run('config', 'get', '--json');
    const json = JSON.parse(lines[0]!) as { schema: string; path: string; settings: Record<string, unknown> };
    expect(json.schema).toBe('racecraft.config/1');
    expect(json.settings).toMatchObject({ units: 'imperial', reference: 'best', notifications: true, 'ports.f1': 20777 });
    lines.length = 0;
    await run('config', 'get', 'ports.f1', '--json');
    expect(JSON.parse(lines[0]!)).toEqual({ schema: 'racecraft.config/1', key: 'ports.f1', value: 20777 });
    lines.length = 0;
    await run('config', 'path');
    expect(lines).toEqual([join(dir, 'config.json')]);
    await run('config', 'unset', 'units');
    expect(notes.at(-1)).toBe('units = metric (default)');
  });

  it('fails with a user error for an invalid value', async () => {
    const { run } = program();
    await expect(run('config', 'set', 'units', 'cubits')).rejects.toMatchObject({ name: 'UserError' });
  });
});
