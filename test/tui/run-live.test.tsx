import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { FrameBus } from '../../src/engine/capture/frame-bus.js';
import { openStore } from '../../src/store/index.js';
import { runBrowserTui, runLiveTui } from '../../src/tui/run-live.js';
import { LiveScreen } from '../../src/tui/screens/LiveScreen.js';
import { Workstation } from '../../src/tui/Workstation.js';
import { FakeStdin, FakeStdout, settle } from './fixtures.js';

const streams = (stdinTTY: boolean, stdoutTTY: boolean) => ({
  stdin: new FakeStdin(stdinTTY) as unknown as NodeJS.ReadStream,
  stdout: new FakeStdout({ isTTY: stdoutTTY }) as unknown as NodeJS.WriteStream,
});

describe('starting the workstation', () => {
  it('refuses without a terminal, with one clear line and a hint, instead of crashing', async () => {
    const store = openStore(':memory:');
    await expect(runBrowserTui({ store, ...streams(false, true) })).rejects.toMatchObject({
      name: 'UserError',
      message: 'the workstation needs a terminal (stdin is not a terminal)',
      hint: expect.stringContaining('racecraft record --headless'),
    });
    await expect(runLiveTui({ bus: new FrameBus(), title: 't', ...streams(true, false) })).rejects.toMatchObject({
      name: 'UserError',
      message: 'the workstation needs a terminal (stdout is not a terminal)',
    });
    await expect(runBrowserTui({ store, ...streams(false, false) })).rejects.toThrow('stdin and stdout are not terminals');
    store.close();
  });

  it('runs until `until` settles, then gives the terminal back', async () => {
    const io = streams(true, true);
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const done = runLiveTui({ bus: new FrameBus(), title: 't', until, ...io });
    await settle(100);
    stop();
    await expect(done).resolves.toBeUndefined();
    // (Ink draws only the last frame when it believes it runs in CI: look after it closed.)
    const out = io.stdout as unknown as FakeStdout;
    expect(out.writes.join('')).toContain('waiting for the game');
  });

  it('redraws for the new size when the terminal is resized', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin();
    const app = inkRender(<Workstation sources={{ bus: new FrameBus() }} fps={0} />, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      patchConsole: false,
    });
    await settle();
    const wide = stdout.writes.at(-1)!.split('\n');
    expect(Math.max(...wide.map((l) => [...l].length))).toBe(120);
    // The Live screen takes the lines it needs: tab bar, 23 lines, footer.
    expect(wide.length).toBe(25);
    stdout.columns = 80;
    stdout.rows = 24;
    stdout.emit('resize');
    await settle();
    const narrow = stdout.writes.at(-1)!.split('\n');
    expect(narrow.length).toBe(23);
    expect(Math.max(...narrow.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(narrow[0]).toContain('? help');
    app.unmount();
  });
});

describe('messages the game sent before the screen was up', () => {
  it("shows the latest one (AC's handshake answer arrives while the command is still loading)", async () => {
    const bus = new FrameBus();
    bus.publishMessage('info', 'assetto corsa: no answer yet');
    bus.publishMessage('info', 'assetto corsa answered: ks_audi_r8_lms at monza; subscribed');
    const stdout = new FakeStdout();
    const app = inkRender(<Workstation sources={{ bus }} fps={0} />, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      debug: true,
      patchConsole: false,
    });
    await settle();
    const screen = stdout.writes.at(-1)!;
    expect(screen).toContain('assetto corsa answered: ks_audi_r8_lms at monza; subscribed');
    expect(screen).not.toContain('no answer yet');
    app.unmount();
  });
});

describe('Live screen instruments', () => {
  const base = {
    session: { game: 'f1' as const, maxRpm: 10000 },
    laps: [],
    lapFrames: [],
    counters: { packets: 10, frames: 5, errors: 2, skipped: 1 },
    reference: undefined,
  };

  it('lights SHIFT at the computed shift point and marks it on the rev bar', () => {
    const app = render(<LiveScreen input={{ ...base, frame: { t: 1, lap: 1, rpm: 9100, gear: 3, speed: 50 }, shift: { rpm: 9000, source: 'computed' } }} units="metric" width={80} height={21} />);
    const f = app.lastFrame()!;
    expect(f).toContain('180 km/h   gear 3   9100 rpm SHIFT');
    expect(f).toContain('┃ shift 9000');
    expect(f).toContain('packets 10  frames 5  dropped 2  skipped 1  laps 0');
    app.unmount();
  });

  it('warns before the shift point and falls back to the limiter without a computed one', () => {
    const near = render(<LiveScreen input={{ ...base, frame: { t: 1, lap: 1, rpm: 8500, gear: 3 }, shift: { rpm: 9000, source: 'computed' } }} units="metric" width={80} height={21} />);
    expect(near.lastFrame()).toContain('8500 rpm ●●●');
    near.unmount();
    const limiter = render(<LiveScreen input={{ ...base, frame: { t: 1, lap: 1, rpm: 5000, gear: 2 }, shift: { rpm: 10000, source: 'limiter' } }} units="imperial" width={80} height={21} />);
    const f = limiter.lastFrame()!;
    expect(f).toContain(' limiter 10000');
    expect(f).not.toContain('┃');
    expect(f).toContain('– mph');
    expect(f).toContain('sectors: the game sends none');
    limiter.unmount();
  });
});
