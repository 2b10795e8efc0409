import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../src/engine/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { LivePainter } from '../../src/tui/live-painter.js';
import { mountWorkstation } from '../../src/tui/mount.js';
import { seg } from '../../src/tui/render/styled.js';
import { Workstation } from '../../src/tui/Workstation.js';
import { FakeStdin, FakeStdout, recordDemo, settle, type RecordedDemo } from './fixtures.js';
import { VirtualTerminal } from './vt.js';

const COLUMNS = 100;
const ROWS = 30;

let store: Store;
let demo: RecordedDemo;
let rest: TelemetryFrame[];

beforeAll(() => {
  store = openStore(':memory:');
  demo = recordDemo({ laps: 2, seed: 1, untilT: 180, store });
  rest = [...demo.run.frames()].filter((f) => f.t > 180 && f.t <= 186);
});
afterAll(() => store.close());

describe('the live painter', () => {
  it('keeps the Live screen moving between Ink renders, and the terminal then shows exactly what a full render shows', async () => {
    const stdout = new FakeStdout({ columns: COLUMNS, rows: ROWS });
    const app = mountWorkstation({
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      props: { sources: { bus: demo.bus, store, sessionId: demo.sessionId } },
    });
    await settle(100);
    const inkWrites = stdout.writes.length;
    // 6 s of the game, in 20 bursts with time for the painter (30 a second) between them.
    const batch = Math.ceil(rest.length / 20);
    for (let i = 0; i < rest.length; i += batch) {
      for (const frame of rest.slice(i, i + batch)) demo.recorder.handle({ kind: 'frame', frame });
      await settle(40);
    }
    await settle(100);
    expect(app.painter.paints).toBeGreaterThanOrEqual(15);
    // Ink itself drew only at the start: the rest came from the painter.
    expect(stdout.writes.length - inkWrites).toBe(app.painter.paints);
    const terminal = new VirtualTerminal(COLUMNS, ROWS);
    for (const chunk of stdout.writes) terminal.write(chunk);
    app.close();

    const full = render(<Workstation sources={{ bus: demo.bus, store, sessionId: demo.sessionId }} size={{ columns: COLUMNS, rows: ROWS }} fps={0} />);
    await settle();
    const expected = (full.lastFrame() ?? '').split('\n').map((l) => l.trimEnd());
    full.unmount();
    const shown = terminal.screen();
    expect(shown.slice(0, expected.length)).toEqual(expected);
    expect(shown.slice(expected.length).every((l) => l === '')).toBe(true);
    const last = rest.at(-1)!;
    expect(shown.join('\n')).toContain(`${Math.round(last.speed! * 3.6)} km/h`);
    expect(shown.join('\n')).toMatch(/LAP 2 {3}\d:\d\d\.\d{3}/);
  });

  it('rewrites only the lines that changed, and every line after something else drew', () => {
    const out: string[] = [];
    const painter = new LivePainter({ write: (s) => out.push(s) }, false);
    painter.paint(1, 10, [[seg('a')], [seg('b')]]);
    painter.paint(1, 10, [[seg('a')], [seg('c')]]);
    painter.paint(1, 10, [[seg('a')], [seg('c')]]);
    painter.invalidate();
    painter.paint(1, 10, [[seg('a')], [seg('c')]]);
    const terminal = new VirtualTerminal(10, 4);
    for (const chunk of out) terminal.write(chunk);
    expect(out).toHaveLength(3);
    expect(out[1]).not.toContain('a');
    expect(out[2]).toContain('a         ');
    expect(terminal.screen()).toEqual(['', 'a', 'c', '']);
    expect(painter.paints).toBe(3);
  });
});
