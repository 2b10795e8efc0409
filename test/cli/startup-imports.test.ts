import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNamed, createProgram } from '../../src/cli/program.js';

/*
 * Start-up cost is a budget (`report lap` <= 400 ms wall, process start included), and most of it
 * is module loading: conf ~110 ms, every game decoder ~90 ms, better-sqlite3 and the store ~40 ms.
 * Every command pays for what src/cli/program.ts loads statically, so that graph must stay light:
 * heavy modules load inside the action that needs them (`await import(...)`).
 */
const SRC = join(import.meta.dirname, '../../src');

/** Static (non-type) imports of a file: `import x from`, `import { a } from`, `export ... from`; not `import type`, not `import()`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\s)([^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    const clause = m[2] ?? '';
    // `import { type A, type B } from` loads nothing at run time.
    if (/^\{\s*(type\s+\w+\s*,?\s*)+\}\s*from\s+$/.test(clause.trim() + ' ')) continue;
    specs.push(m[3]!);
  }
  return specs;
}

/** Every module program.ts loads at start-up: relative files (as src paths) and packages. */
function startupGraph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    const rel = relative(SRC, file).replaceAll('\\', '/');
    if (files.has(rel)) return;
    files.add(rel);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec).replace(/\.js$/, '');
        const target = [`${base}.ts`, `${base}.tsx`].find((p) => existsSync(p));
        if (target) visit(target);
      } else packages.add(spec);
    }
  };
  visit(join(SRC, 'cli/program.ts'));
  // program.ts loads the registration module of the command a run names (all of them for help).
  for (const name of readdirSync(join(SRC, 'cli/commands'))) if (name.endsWith('.ts') && !name.endsWith('-run.ts')) visit(join(SRC, 'cli/commands', name));
  return { files, packages };
}

describe('start-up imports: what every command loads before it runs', () => {
  const { files, packages } = startupGraph();

  it('walks the command tree (sanity: every command file is in it)', () => {
    expect(files.has('cli/commands/report.ts')).toBe(true);
    expect(files.has('cli/commands/library.ts')).toBe(true);
    expect(packages.has('commander')).toBe(true);
  });

  it('loads no heavy package: conf, better-sqlite3, ink, react, fastify, pg, asciichart, node-notifier', () => {
    const heavy = [...packages].filter((p) => /^(conf|better-sqlite3|ink|react|fastify|pg|asciichart|node-notifier|@alcalzone)(\/|$)/.test(p));
    expect(heavy).toEqual([]);
  });

  it('loads no decoder, analysis, store, TUI or file-format code', () => {
    const heavy = [...files].filter((f) => /^(engine\/(games|analysis|capture|sim)|store\/(index|open-store|repos|formats)|tui)\b/.test(f) || f === 'cli/store-access.ts' || f === 'cli/settings.ts');
    expect(heavy).toEqual([]);
  });
});

describe('only the command a run names is registered', () => {
  it('finds the command word past global options', () => {
    expect(commandNamed(['report', 'lap', '12'])).toBe('report');
    expect(commandNamed(['--db', 'x.db', 'laps', '--json'])).toBe('laps');
    expect(commandNamed(['--db=x.db', 'laps'])).toBe('laps');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed([])).toBeUndefined();
  });

  it('registers just that command, or all of them for help, a bare run or an unknown word', async () => {
    expect((await createProgram(['report', 'lap', '1'])).commands.map((c) => c.name())).toEqual(['report']);
    const all = (await createProgram(['--help'])).commands.map((c) => c.name());
    expect(all).toHaveLength(16);
    expect((await createProgram(['reprot'])).commands).toHaveLength(16);
    expect((await createProgram([])).commands).toHaveLength(16);
  });
});
