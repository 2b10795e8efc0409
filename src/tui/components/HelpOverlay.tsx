import { Box, Text } from 'ink';
import { helpSections } from '../keymap.js';
import type { ScreenId } from '../screens.js';

/** The `?` overlay: every key of the keymap that works here (the same table useInput reads). */
export function HelpOverlay({ screen, width }: { screen: ScreenId; width: number }) {
  const sections = helpSections(screen);
  const side = width >= 76;
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold>Keys (? or Esc closes)</Text>
      <Box flexDirection={side ? 'row' : 'column'} gap={side ? 4 : 0}>
        {sections.map((section) => (
          <Box key={section.title} flexDirection="column" marginTop={1}>
            <Text bold underline>
              {section.title}
            </Text>
            {section.rows.map((row) => (
              <Text key={`${row.keys}-${row.help}`} wrap="truncate">
                <Text color="cyan">{row.keys.padEnd(7)}</Text>
                {row.help}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
