import { Box, Text } from 'ink';
import { SCREENS, type ScreenId } from '../screens.js';

/** The top line: the screens by number, the current one highlighted, and the help key. */
export function TabBar({ screen, width, live }: { screen: ScreenId; width: number; live: boolean }) {
  const narrow = width < 90;
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        {SCREENS.map((s) => {
          const label = ` ${s.key} ${s.title} `;
          return s.id === screen ? (
            <Text key={s.id} inverse bold>
              {label}
            </Text>
          ) : (
            <Text key={s.id}>{label}</Text>
          );
        })}
      </Text>
      <Text dimColor wrap="truncate">
        {narrow ? '? help' : `${live ? '● live  ' : ''}? help  q quit`}
      </Text>
    </Box>
  );
}
