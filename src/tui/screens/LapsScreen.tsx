import { Box, Text } from 'ink';
import type { SessionSummary } from '../../store/index.js';
import type { LapRow } from '../data/workstation-data.js';
import { formatClock, formatDate, formatDelta, formatSector } from '../render/format.js';
import { renderTable, type Column } from '../render/table.js';
import { listWindow } from '../state/window.js';
import { bestLap, isTimedLap } from '../../engine/model/lap.js';

export type LapsScreenProps = {
  /** "Session 3 · Kestrel Park · Racecraft RC-1 (recording)". */
  readonly title: string;
  /** What the gaps in reports and the live delta measure against ("personal best (session 1) · 1:32.525"). */
  readonly reference: string;
  readonly laps: readonly LapRow[];
  readonly cursor: number;
  readonly compare: readonly number[];
  readonly referenceLap: number | undefined;
  readonly width: number;
  readonly height: number;
  /** Why there is nothing to list, when there is nothing. */
  readonly empty: string;
};

const LAP_COLUMNS: readonly Column[] = [
  { header: 'LAP', align: 'right' },
  { header: 'TIME', align: 'right' },
  { header: 'GAP', align: 'right' },
  { header: 'S1', align: 'right' },
  { header: 'S2', align: 'right' },
  { header: 'S3', align: 'right' },
  { header: 'OK' },
  { header: 'CATEGORY' },
  { header: 'MARK' },
];

/** The lap table as text lines: header first, then one line per lap in `laps` order. */
export function lapTableLines(laps: readonly LapRow[], compare: readonly number[], referenceLap: number | undefined, width: number): string[] {
  const best = bestLap(laps)?.time;
  const rows = laps.map((lap) => {
    const marks = [
      lap.id !== undefined && lap.id === referenceLap ? 'REF' : '',
      lap.id !== undefined && compare.includes(lap.id) ? `CMP${compare.indexOf(lap.id) + 1}` : '',
      best !== undefined && lap.time === best && isTimedLap(lap) ? 'best' : '',
    ].filter((m) => m);
    const timed = lap.category !== 'incomplete' && lap.category !== 'out' && lap.category !== 'pit';
    return [
      String(lap.number),
      formatClock(lap.time),
      best !== undefined && isTimedLap(lap) ? formatDelta(lap.time - best) : '',
      timed ? formatSector(lap.sectors[0]) : '',
      timed ? formatSector(lap.sectors[1]) : '',
      timed ? formatSector(lap.sectors[2]) : '',
      lap.valid ? '✓' : '✗',
      lap.category,
      marks.join(' '),
    ];
  });
  return renderTable(LAP_COLUMNS, rows, width - 2);
}

/** Laps: the session's laps with times, sectors, validity, category and gap to the best. */
export function LapsScreen({ title, reference, laps, cursor, compare, referenceLap, width, height, empty }: LapsScreenProps) {
  const lines = lapTableLines(laps, compare, referenceLap, width);
  // The reference is what `r` changes: on its own line when the title leaves no room for it.
  const refText = `ref ${reference}`;
  const oneLine = title.length + 3 + refText.length <= width;
  const visible = Math.max(1, height - (oneLine ? 3 : 4));
  const start = listWindow(cursor, laps.length, visible);
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text bold wrap="truncate">
        {oneLine ? `${title} · ${refText}` : title}
      </Text>
      {oneLine ? null : <Text wrap="truncate">{refText}</Text>}
      {laps.length === 0 ? (
        <Text dimColor>{empty}</Text>
      ) : (
        <>
          <Text dimColor wrap="truncate">{`  ${lines[0]}`}</Text>
          {lines.slice(1 + start, 1 + start + visible).map((line, i) => {
            const index = start + i;
            const lap = laps[index]!;
            const selected = index === cursor;
            return (
              <Text key={`${lap.id ?? 'bus'}-${index}`} wrap="truncate" inverse={selected} dimColor={!selected && !lap.valid}>
                {`${selected ? '▶' : ' '} ${line}`}
              </Text>
            );
          })}
          {laps.length > visible ? <Text dimColor>{`  ${start + 1}–${Math.min(laps.length, start + visible)} of ${laps.length}`}</Text> : null}
        </>
      )}
    </Box>
  );
}

export type SessionBrowserProps = {
  readonly sessions: readonly SessionSummary[];
  readonly cursor: number;
  readonly current: number | undefined;
  readonly width: number;
  readonly height: number;
};

const SESSION_COLUMNS: readonly Column[] = [
  { header: 'ID', align: 'right' },
  { header: 'STARTED' },
  { header: 'GAME' },
  { header: 'TRACK' },
  { header: 'LAPS', align: 'right' },
  { header: 'BEST', align: 'right' },
  { header: 'CAR' },
  { header: 'SOURCE' },
];

/** The session browser (Laps, `s`): earlier sessions in the database, newest first. */
export function SessionBrowser({ sessions, cursor, current, width, height }: SessionBrowserProps) {
  const rows = sessions.map((s) => [
    String(s.id),
    formatDate(s.startedAt),
    s.game,
    s.trackName ?? s.trackKey ?? '–',
    String(s.lapCount),
    s.bestLapTime === undefined ? '–' : formatClock(s.bestLapTime),
    s.carName ?? s.carKey ?? '–',
    `${s.source}${s.recording ? ' ●rec' : ''}${s.recovered ? ' recovered' : ''}`,
  ]);
  const lines = renderTable(SESSION_COLUMNS, rows, width - 2);
  const visible = Math.max(1, height - 3);
  const start = listWindow(cursor, sessions.length, visible);
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text bold>Sessions in the database (Enter opens, Esc back)</Text>
      {sessions.length === 0 ? (
        <Text dimColor>nothing recorded yet: run `racecraft demo` or `racecraft record`</Text>
      ) : (
        <>
          <Text dimColor wrap="truncate">{`  ${lines[0]}`}</Text>
          {lines.slice(1 + start, 1 + start + visible).map((line, i) => {
            const index = start + i;
            const selected = index === cursor;
            return (
              <Text key={sessions[index]!.id} wrap="truncate" inverse={selected} bold={sessions[index]!.id === current}>
                {`${selected ? '▶' : ' '} ${line}`}
              </Text>
            );
          })}
        </>
      )}
    </Box>
  );
}
