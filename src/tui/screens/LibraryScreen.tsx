import { Box, Text } from 'ink';
import type { LibraryRow } from '../data/library-access.js';
import { formatClock } from '../render/format.js';
import { renderTable } from '../render/table.js';
import { listWindow } from '../state/window.js';

export type LibraryScreenProps = {
  /** Whether a library is available at all (needs the database). */
  readonly available: boolean;
  readonly local: readonly LibraryRow[];
  /** Items on the server; undefined until listed (or when not logged in). */
  readonly remote: readonly LibraryRow[] | undefined;
  readonly server: string | undefined;
  /** The selected row: local items first, then the server's (cursor − local.length). */
  readonly cursor: number;
  /** What is running now ("pulling…"), if anything. */
  readonly busy: string | undefined;
  readonly width: number;
  readonly height: number;
};

const COLUMNS = [{ header: 'KIND' }, { header: 'KEY' }, { header: 'NAME' }, { header: 'STATUS' }, { header: 'V', align: 'right' as const }, { header: 'LAP', align: 'right' as const }];

function rowsOf(items: readonly LibraryRow[]): string[][] {
  return items.map((i) => [i.kind, i.key, i.name, i.status, i.version === null ? '–' : String(i.version), i.lapTime === null ? '' : formatClock(i.lapTime)]);
}

/** Library: items held locally and on the server; pull, push and use a reference lap by key. */
export function LibraryScreen({ available, local, remote, server, cursor, busy, width, height }: LibraryScreenProps) {
  if (!available) {
    return (
      <Box flexDirection="column" minHeight={height} flexShrink={0}>
        <Text bold>Library</Text>
        <Text dimColor>the library lives in the database: open the workstation with one (racecraft record / demo / racecraft)</Text>
      </Box>
    );
  }
  const half = Math.max(3, Math.floor((height - 5) / 2));
  const localLines = renderTable(COLUMNS, rowsOf(local), width - 2);
  const start = listWindow(cursor, local.length, half);
  const remoteLines = remote ? renderTable(COLUMNS, rowsOf(remote), width - 2) : [];
  const remoteCursor = cursor - local.length;
  const remoteStart = remote ? listWindow(Math.max(0, remoteCursor), remote.length, half) : 0;
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>Library</Text>
        <Text dimColor>{server ? `  · server ${server}` : '  · not logged in (racecraft library login URL --token …)'}</Text>
        {busy ? <Text color="yellow">{`  ${busy}`}</Text> : null}
      </Text>
      <Text bold>{`Local (${local.length})`}</Text>
      {local.length === 0 ? (
        <Text dimColor>nothing held locally yet{server ? ': p pulls from the server' : ''}</Text>
      ) : (
        <>
          <Text dimColor wrap="truncate">{`  ${localLines[0]}`}</Text>
          {localLines.slice(1 + start, 1 + start + half).map((line, i) => {
            const selected = start + i === cursor;
            return (
              <Text key={start + i} inverse={selected} wrap="truncate">
                {`${selected ? '▶' : ' '} ${line}`}
              </Text>
            );
          })}
        </>
      )}
      <Text bold>{remote ? `On the server (${remote.length})` : 'On the server'}</Text>
      {remote === undefined ? (
        <Text dimColor>{server ? 'g lists the server' : '–'}</Text>
      ) : (
        <>
          <Text dimColor wrap="truncate">{`  ${remoteLines[0]}`}</Text>
          {remoteLines.slice(1 + remoteStart, 1 + remoteStart + half).map((line, i) => {
            const selected = remoteStart + i === remoteCursor;
            return (
              <Text key={remoteStart + i} inverse={selected} wrap="truncate">
                {`${selected ? '▶' : ' '} ${line}`}
              </Text>
            );
          })}
        </>
      )}
    </Box>
  );
}
