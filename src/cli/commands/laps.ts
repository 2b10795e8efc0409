import type { Command } from 'commander';
import type { LapRecord } from '../../store/index.js';
import { createOut, formatGap, formatLapTime, renderTable } from '../output.js';
import { bestLap } from '../../engine/model/lap.js';

/** JSON shape of one lap in `racecraft laps --json` (schema racecraft.laps/1); times in s. */
export function lapJson(lap: LapRecord, best: number | undefined): Record<string, unknown> {
  return {
    number: lap.number,
    time: lap.time,
    timeSource: lap.timeSource,
    valid: lap.valid,
    category: lap.category,
    sectors: lap.sectors,
    gapToBest: best === undefined || lap.category !== 'flying' ? null : lap.time - best,
    startT: lap.startT,
    endT: lap.endT,
    samples: lap.sampleCount,
    outlier: lap.outlier ?? false,
  };
}

/** Best valid flying lap time of a list. */
export function bestLapTime(laps: readonly LapRecord[]): number | undefined {
  return bestLap(laps)?.time;
}

export function register(program: Command): void {
  program
    .command('laps')
    .description('list the laps of a session (default: the latest)')
    .option('-s, --session <id>', 'session id (see `racecraft sessions`)')
    .option('--json', 'machine-readable output (schema racecraft.laps/1)')
    .action(async (opts: { session?: string; json?: boolean }, command: Command) => {
      // The store (better-sqlite3) loads when a listing runs, not when any command starts.
      const { openStoreForRead, resolveSession } = await import('../store-access.js');
      const out = createOut();
      const store = openStoreForRead(command);
      try {
        const session = resolveSession(store, opts.session);
        const laps = store.laps.list(session.id);
        const best = bestLapTime(laps);
        if (opts.json) {
          out.json({
            schema: 'racecraft.laps/1',
            session: { id: session.id, game: session.game, track: session.trackName ?? session.trackKey ?? null, car: session.carName ?? null },
            bestLapTime: best ?? null,
            laps: laps.map((lap) => lapJson(lap, best)),
          });
          return;
        }
        out.line(`session ${session.id} · ${session.game} · ${session.trackName ?? session.trackKey ?? 'unknown track'}${session.carName ? ` · ${session.carName}` : ''}`);
        if (laps.length === 0) {
          out.line('no laps recorded in this session');
          return;
        }
        const sectorCount = Math.max(0, ...laps.map((l) => l.sectors.length));
        const lines = renderTable(laps, [
          { header: 'LAP', value: (l) => String(l.number), align: 'right' },
          { header: 'TIME', value: (l) => formatLapTime(l.time), align: 'right' },
          ...Array.from({ length: sectorCount }, (_, i) => ({
            header: `S${i + 1}`,
            value: (l: LapRecord) => (l.sectors[i] === undefined ? '' : l.sectors[i]!.toFixed(3)),
            align: 'right' as const,
          })),
          { header: 'GAP', value: (l) => (l.category === 'flying' && best !== undefined ? formatGap(l.time - best) : ''), align: 'right' },
          { header: 'TYPE', value: (l) => l.category },
          { header: 'VALID', value: (l) => (l.valid ? 'yes' : 'no') },
          { header: '', value: (l) => (l.valid && l.category === 'flying' && l.time === best ? 'best' : l.outlier ? 'outlier' : '') },
        ]);
        for (const line of lines) out.line(line);
      } finally {
        store.close();
      }
    });
}
