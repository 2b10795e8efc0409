import { Box, Text } from 'ink';
import { memo } from 'react';
import type { StyledLine } from '../render/styled.js';

/** Ink's rendering of one styled line (render/styled.ts): the segments as nested <Text>s. */
export const StyledLineText = memo(function StyledLineText({ line }: { line: StyledLine }) {
  // An empty <Text> takes no line at all in Ink: a blank line is a space.
  if (line.every((s) => s.text === '')) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {line.map((s, i) =>
        s.style ? (
          <Text key={i} {...(s.style.color ? { color: s.style.color } : {})} bold={s.style.bold ?? false} dimColor={s.style.dim ?? false} inverse={s.style.inverse ?? false}>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
});

/** Styled lines, one <Text> each, in a column `height` lines high (clipped below). */
export function StyledLines({ lines, height }: { lines: readonly StyledLine[]; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {lines.map((line, i) => (
        <StyledLineText key={i} line={line} />
      ))}
    </Box>
  );
}
