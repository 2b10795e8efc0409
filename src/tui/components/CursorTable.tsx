import { Text } from 'ink';

/**
 * A text table whose body scrolls under a cursor: the header line, then `rows` body lines from
 * `start`, the line at `cursor - 1` marked ▶ and inverse (cursor 0 = no row selected). Used by
 * the corner tables of the Lap report and Compare screens.
 */
export function CursorTable({ table, start, rows, cursor }: { table: readonly string[]; start: number; rows: number; cursor: number }) {
  return (
    <>
      <Text dimColor wrap="truncate">{`  ${table[0]}`}</Text>
      {table.slice(1 + start, 1 + start + rows).map((line, i) => {
        const selected = start + i === cursor - 1;
        return (
          <Text key={start + i} inverse={selected} wrap="truncate">
            {`${selected ? '▶' : ' '} ${line}`}
          </Text>
        );
      })}
    </>
  );
}
