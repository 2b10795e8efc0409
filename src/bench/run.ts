/**
 * `npm run bench`: every area's benchmark, printed against the DESIGN.md budgets.
 * Benchmarks measure; tests never time things. Pass area names to run a subset.
 */
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

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(AREAS);
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
