import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';

const program = await createProgram();

describe('man/racecraft.1', () => {
  const man = readFileSync(join(import.meta.dirname, '../../man/racecraft.1'), 'utf8');
  const commands = program.commands.map((c) => c.name());

  it('the program has the foundation commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['record', 'demo', 'sessions', 'laps', 'games']));
  });

  it.each(commands)('documents the %s command', (name) => {
    expect(man).toMatch(new RegExp(`^\\.B ${name}$`, 'm'));
  });

  it('documents every option of every command', () => {
    const missing: string[] = [];
    for (const command of program.commands) {
      for (const option of command.options) {
        const flag = option.long!.replace(/^--/, '');
        if (flag === 'help') continue;
        if (!man.includes(`\\-\\-${flag.replaceAll('-', '\\-')}`)) missing.push(`${command.name()} --${flag}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('demo track list', () => {
  it('the light list used for --help matches the simulator', async () => {
    const { DEMO_TRACK_IDS } = await import('../../src/cli/commands/demo.js');
    const { SIM_TRACKS } = await import('../../src/engine/sim/index.js');
    expect([...DEMO_TRACK_IDS]).toEqual(SIM_TRACKS.map((t) => t.id));
  });
});
