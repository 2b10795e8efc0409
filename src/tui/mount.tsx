import { render, renderToString, Text } from 'ink';
import { LivePainter, tapForPainter } from './live-painter.js';
import { MAX_LIVE_FPS } from './state/frame-rate.js';
import { Workstation, type WorkstationProps } from './Workstation.js';

export type MountOptions = {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Most redraws per second of the live screens; default by terminal size. */
  readonly fps?: number;
  readonly props: Omit<WorkstationProps, 'onQuit' | 'fps'>;
};

/** Switch to the terminal's alternate screen and back (as full-screen programs do). */
const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/**
 * Renders the workstation with Ink on the alternate screen, so it owns the whole terminal from
 * the top line (notes printed before it cannot push it down) and the shell's scrollback is
 * left as it was; `done` settles when the user quits.
 */
export function mountWorkstation(options: MountOptions): { done: Promise<void>; close(): void; painter: LivePainter } {
  options.stdout.write(ENTER_ALT_SCREEN);
  let quit: () => void = () => {};
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  const painter = new LivePainter(options.stdout, inkDrawsColour());
  const instance = render(<Workstation {...options.props} onQuit={quit} painter={painter} {...(options.fps !== undefined ? { fps: options.fps } : {})} />, {
    stdin: options.stdin,
    // Ink writes through the tap, so the painter knows when Ink has drawn over its lines.
    stdout: tapForPainter(options.stdout, painter),
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink's own throttle sits above ours (MAX_LIVE_FPS) so it never delays a redraw the bus sampler scheduled.
    maxFps: 2 * MAX_LIVE_FPS,
    // Ink 6.8's incremental mode left stale lines on a real terminal (tmux): whole frames are
    // redrawn. It would save bytes only, not CPU (Ink still lays out and renders every line);
    // the Live screen's 30 redraws a second go through the painter instead.
    incrementalRendering: false,
  });
  return {
    painter,
    done: Promise.race([quitted, instance.waitUntilExit().then(() => undefined)]),
    close() {
      instance.unmount();
      instance.cleanup();
      options.stdout.write(LEAVE_ALT_SCREEN);
    },
  };
}

/** Whether Ink styles text here (chalk's colour support of this terminal): the painter does as Ink does. */
function inkDrawsColour(): boolean {
  return renderToString(<Text color="red">x</Text>).includes('\u001B[');
}
