import { Box, render, useApp, useInput, useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { FrameBus } from '../engine/capture/frame-bus.js';
import { useBusSample } from './hooks/use-bus-sample.js';
import { LiveScreen } from './screens/LiveScreen.js';

export type LiveTuiOptions = {
  readonly bus: FrameBus;
  readonly title: string;
  /** Close the TUI by itself when this settles (e.g. a headless-like timed run). */
  readonly until?: Promise<unknown>;
};

const FPS = 30;

function LiveApp({ bus, onQuit }: { bus: FrameBus; onQuit: () => void }) {
  useBusSample(bus, FPS);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => bus.subscribe((e) => (e.kind === 'message' ? setMessage(e.text) : undefined)), [bus]);
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) {
      onQuit();
      exit();
    }
  });
  const rows = stdout.rows ?? 24;
  // Clip the root to the terminal height: taller output makes Ink clear the scrollback each frame.
  return (
    <Box flexDirection="column" height={rows - 1} overflow="hidden">
      <LiveScreen
        frame={bus.latest()}
        session={bus.session()}
        laps={bus.laps()}
        counters={bus.counters}
        message={message}
        units="metric"
        width={stdout.columns ?? 80}
      />
    </Box>
  );
}

/** Shows the live screen until the user quits (q / Ctrl-C) or `until` settles. */
export async function runLiveTui(options: LiveTuiOptions): Promise<void> {
  let quit: () => void = () => {};
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  const instance = render(<LiveApp bus={options.bus} onQuit={quit} />, { exitOnCtrlC: false, patchConsole: false, maxFps: FPS });
  await Promise.race([quitted, instance.waitUntilExit(), ...(options.until ? [options.until.then(() => undefined)] : [])]);
  instance.unmount();
  instance.cleanup();
}
