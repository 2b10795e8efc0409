import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/** Track identity is engine code and pure (DESIGN.md): no I/O, no clock, no randomness, no UI or storage. */
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../src/engine/track-id');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

it.each(files)('%s imports only engine model/analysis modules and uses no clock, randomness or Buffer', (file) => {
  const source = readFileSync(join(dir, file), 'utf8');
  const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
  for (const spec of imports) expect(spec, spec).toMatch(/^\.\/[\w-]+\.js$|^\.\.\/(model|analysis)\/[\w-]+\.js$/);
  for (const banned of ['Date.now', 'new Date', 'Math.random', 'performance.now', 'Buffer', 'process.', 'require(', 'node:']) {
    expect(source.includes(banned), `${file} uses ${banned}`).toBe(false);
  }
});

it('scans every file of track-id (and there are some)', () => {
  expect(files.length).toBeGreaterThanOrEqual(7);
});
