import { Text } from 'ink';

/** The bottom line: the latest note first (it is news), then the keys of this screen. */
export function Footer({ hints, message }: { hints: string; message: string | undefined; width: number }) {
  return (
    <Text wrap="truncate">
      {message ? <Text color="yellow">{`${message}  `}</Text> : null}
      <Text dimColor>{hints}</Text>
    </Text>
  );
}
