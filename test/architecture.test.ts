import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push((m[1] ?? m[2])!);
  return specs;
}

/** DESIGN.md: these folders are pure — no I/O, no React, no SQLite, no clock, no randomness. */
const PURE = ['engine/model', 'engine/games', 'engine/analysis', 'engine/sim', 'engine/track-id'];

describe('architecture', () => {
  const files = sourceFiles(SRC).map((path) => ({ path, rel: relative(SRC, path).replaceAll('\\', '/') }));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(PURE)('%s imports no node:*, React, Ink, SQLite or other layers, and uses no clock or randomness', (folder) => {
    const offenders: string[] = [];
    for (const { path, rel } of files.filter((f) => f.rel.startsWith(`${folder}/`))) {
      for (const spec of importsOf(path)) {
        const bad =
          spec.startsWith('node:') ||
          ['fs', 'path', 'dgram', 'crypto', 'zlib', 'os'].includes(spec) ||
          /^(react|ink|better-sqlite3|pg|fastify|commander|conf)(\/|$)/.test(spec) ||
          /\.\.\/(\.\.\/)*(cli|tui|store|capture)\//.test(spec);
        if (bad) offenders.push(`${rel} imports ${spec}`);
      }
      const text = readFileSync(path, 'utf8');
      for (const banned of ['Date.now(', 'Math.random(', 'performance.now(', 'new Date(', 'Buffer.', 'process.']) {
        if (text.includes(banned)) offenders.push(`${rel} uses ${banned}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('store depends on the engine model only (never capture, games, tui, cli)', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('store/'))
      .flatMap(({ path, rel }) => importsOf(path).filter((s) => /(engine\/(capture|games|sim)|\/tui\/|\/cli\/)/.test(s) && !(rel.startsWith('store/library/') && s.includes('cli/errors'))).map((s) => `${rel} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the engine never imports the TUI, the CLI or the store', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('engine/'))
      .flatMap(({ path, rel }) => importsOf(path).filter((s) => /\/(tui|cli|store)\//.test(s)).map((s) => `${rel} imports ${s}`));
    expect(offenders).toEqual([]);
  });
});
