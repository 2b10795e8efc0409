import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDbPath } from '../../src/store/index.js';

describe('defaultDbPath', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses RACECRAFT_DB when set (and not blank)', () => {
    expect(defaultDbPath({ RACECRAFT_DB: '/data/laps.db' })).toBe('/data/laps.db');
    expect(defaultDbPath({ RACECRAFT_DB: '  ' })).not.toBe('  ');
  });

  it.runIf(process.platform === 'linux')('falls back to racecraft.db in the XDG data folder, without a -nodejs suffix', () => {
    vi.stubEnv('XDG_DATA_HOME', '/home/alice/.data');
    expect(defaultDbPath({})).toBe(join('/home/alice/.data', 'racecraft', 'racecraft.db'));
  });

  it('reads the process environment by default', () => {
    vi.stubEnv('RACECRAFT_DB', '/tmp/from-env.db');
    expect(defaultDbPath()).toBe('/tmp/from-env.db');
  });
});
