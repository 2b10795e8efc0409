import { Box, Text } from 'ink';

type Colour = Parameters<typeof Text>[0]['color'];

/** Pre-rendered text lines (from the pure renderers), one Text each, never wrapping. */
export function Lines({ lines, color, dim }: { lines: readonly string[]; color?: Colour; dim?: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" {...(color ? { color } : {})} {...(dim ? { dimColor: true } : {})}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

/**
 * Lines in which some characters (markers drawn by a renderer: the car on the map, the current
 * g) get their own colour.
 */
export function MarkedLines({ lines, marks }: { lines: readonly string[]; marks: Readonly<Record<string, Colour>> }) {
  const chars = Object.keys(marks);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => {
        if (!chars.some((c) => line.includes(c))) {
          return (
            <Text key={i} wrap="truncate">
              {line === '' ? ' ' : line}
            </Text>
          );
        }
        const parts: { text: string; color?: Colour }[] = [];
        for (const ch of line) {
          const color = marks[ch];
          const last = parts[parts.length - 1];
          if (color) parts.push({ text: ch, color });
          else if (last && last.color === undefined) last.text += ch;
          else parts.push({ text: ch });
        }
        return (
          <Text key={i} wrap="truncate">
            {parts.map((p, j) =>
              p.color ? (
                <Text key={j} color={p.color} bold>
                  {p.text}
                </Text>
              ) : (
                p.text
              ),
            )}
          </Text>
        );
      })}
    </Box>
  );
}
