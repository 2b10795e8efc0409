import type { Command } from 'commander';
import type { DemoOptions } from './demo-run.js';

/** The built-in demo tracks (a test checks this matches the simulator's list). */
export const DEMO_TRACK_IDS = ['kestrel', 'harbour'] as const;

export function register(program: Command): void {
  program
    .command('demo')
    .description('the embedded demo: a simulated car on a built-in track, sent as real UDP into the recorder')
    .option('-t, --track <id>', `built-in track (${DEMO_TRACK_IDS.join(', ')})`, DEMO_TRACK_IDS[0])
    .option('-l, --laps <n>', 'timed laps to drive', '5')
    .option('--speed <factor>', "1 = real time, 4 = four times faster, 'max' = as fast as possible", '1')
    .option('--seed <n>', 'driver variation seed (same seed, same laps)', '1')
    .option('-g, --game <id>', 'packet format to send', 'f1')
    .option('-p, --port <n>', 'UDP port the recorder listens on (default: any free port)')
    .option('--to <host:port>', 'only send the packets there (to a `racecraft record` elsewhere); record nothing here')
    .option('--headless', 'no TUI: one line per lap')
    .option('--json', 'headless, one NDJSON record per lap')
    .action(async (opts: DemoOptions, command: Command) => {
      const { runDemo } = await import('./demo-run.js');
      await runDemo(opts, command);
    });
}
