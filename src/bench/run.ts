/**
 * `npm run bench`: every area's benchmark, printed against the DESIGN.md budgets.
 * Benchmarks measure; tests never time things. Pass area names to run a subset.
 * With more than one area, each runs in a process of its own: one area's heap, JIT state and
 * garbage would otherwise be billed to the next (the TUI's RSS read 273 MB after the other areas
 * and 118 MB alone; the simulator's frame time 2.2 µs instead of 0.2 µs).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchLine } from './types.js';

/** Each area lives in its own `<area>.bench.js` next to this file and exports `bench`. */
const here = dirname(fileURLToPath(import.meta.url));
const AREAS: Record<string, () => Promise<{ bench: Bench }>> = Object.fromEntries(
  readdirSync(here)
    .filter((file) => file.endsWith('.bench.js'))
    .sort()
    .map((file) => [file.replace(/\.bench\.js$/, ''), () => import(pathToFileURL(`${here}/${file}`).href) as Promise<{ bench: Bench }>]),
);

function verdict(line: BenchLine): string {
  if (line.budget === undefined || line.budgetKind === undefined) return '';
  const ok = line.budgetKind === 'min' ? line.value >= line.budget : line.value <= line.budget;
  const sign = line.budgetKind === 'min' ? '>=' : '<=';
  return `${ok ? 'ok  ' : 'OVER'} (budget ${sign} ${format(line.budget)} ${line.unit})`;
}

function format(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

const SUMMARY = /^(?:all figures within budget|(\d+) figure\(s\) over budget)$/;

/** Runs each area in a child process, passing its lines through; returns the figures over budget. */
function runIsolated(names: readonly string[]): number {
  let over = 0;
  for (const name of names) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    // Strip terminal control sequences an area's TUI may leave (show cursor) and the per-area summary.
    const lines = (child.stdout ?? '').replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '').split('\n');
    for (const line of lines) {
      const summary = SUMMARY.exec(line.trim());
      if (summary) over += Number(summary[1] ?? 0);
      else if (line.trim() !== '') console.log(line.startsWith('## ') ? `\n${line}` : line);
    }
    if (child.status !== 0) {
      console.log(`(bench area '${name}' failed: exit ${child.status ?? child.signal})`);
      over++;
    }
  }
  return over;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(AREAS);
  const unknown = names.filter((name) => !AREAS[name]);
  if (unknown.length > 0) {
    console.error(`unknown bench area '${unknown[0]}' (known: ${Object.keys(AREAS).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  if (names.length > 1) {
    const over = runIsolated(names);
    console.log(`\n${over === 0 ? 'all figures within budget' : `${over} figure(s) over budget`}`);
    return;
  }
  let over = 0;
  for (const name of names) {
    const load = AREAS[name];
    if (!load) {
      console.error(`unknown bench area '${name}' (known: ${Object.keys(AREAS).join(', ')})`);
      process.exitCode = 2;
      return;
    }
    const { bench } = await load();
    console.log(`\n## ${bench.area}`);
    for (const line of await bench.run()) {
      const v = verdict(line);
      if (v.startsWith('OVER')) over++;
      console.log(`${line.name.padEnd(52)} ${format(line.value).padStart(12)} ${line.unit.padEnd(10)} ${v}${line.note ? `  ${line.note}` : ''}`);
    }
  }
  console.log(`\n${over === 0 ? 'all figures within budget' : `${over} figure(s) over budget`}`);
}

await main();
