import type { Command } from 'commander';
import type { SessionSummary } from '../../store/index.js';
import { createOut, formatDate, formatLapTime, renderTable } from '../output.js';

/** JSON shape of one session in `racecraft sessions --json` (schema racecraft.sessions/1). */
export function sessionJson(s: SessionSummary): Record<string, unknown> {
  return {
    id: s.id,
    game: s.game,
    track: s.trackName ?? s.trackKey ?? null,
    trackKey: s.trackKey ?? null,
    car: s.carName ?? null,
    driver: s.driver ?? null,
    sessionType: s.sessionType ?? null,
    source: s.source,
    startedAt: new Date(s.startedAt).toISOString(),
    endedAt: s.endedAt === undefined ? null : new Date(s.endedAt).toISOString(),
    recording: s.recording,
    recovered: s.recovered,
    lapCount: s.lapCount,
    bestLapTime: s.bestLapTime ?? null,
  };
}

export function register(program: Command): void {
  program
    .command('sessions')
    .description('list recorded and imported sessions, the most recently added (the default "latest") first')
    .option('--json', 'machine-readable output (schema racecraft.sessions/1)')
    .action(async (opts: { json?: boolean }, command: Command) => {
      // The store (better-sqlite3) loads when a listing runs, not when any command starts.
      const { openStoreForRead } = await import('../store-access.js');
      const out = createOut();
      const store = openStoreForRead(command);
      try {
        const sessions = store.sessions.list();
        if (opts.json) {
          out.json({ schema: 'racecraft.sessions/1', sessions: sessions.map(sessionJson) });
          return;
        }
        if (sessions.length === 0) {
          out.note('nothing recorded yet: run `racecraft demo` or `racecraft record`');
          return;
        }
        const lines = renderTable(sessions, [
          { header: 'ID', value: (s) => String(s.id), align: 'right' },
          { header: 'STARTED', value: (s) => formatDate(s.startedAt) },
          { header: 'GAME', value: (s) => s.game },
          { header: 'TRACK', value: (s) => s.trackName ?? s.trackKey ?? '?' },
          { header: 'CAR', value: (s) => s.carName ?? '' },
          { header: 'LAPS', value: (s) => String(s.lapCount), align: 'right' },
          { header: 'BEST', value: (s) => formatLapTime(s.bestLapTime), align: 'right' },
          { header: 'STATE', value: (s) => (s.recording ? 'recording' : s.recovered ? 'recovered' : s.source) },
        ]);
        for (const line of lines) out.line(line);
      } finally {
        store.close();
      }
    });
}
