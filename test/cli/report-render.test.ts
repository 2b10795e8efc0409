import { afterAll, describe, expect, it } from 'vitest';
import type { CornerMetrics } from '../../src/engine/analysis/index.js';
import { cornerMarkers, distanceAxis, downsample, fillGaps, lineChart, outputWidth, plotColumns, sparkline } from '../../src/cli/report/charts.js';
import type { CornerRow } from '../../src/cli/report/lap-report.js';
import { renderCornerTable, renderLapReport, renderTips } from '../../src/cli/report/lap-render.js';
import { parseVs } from '../../src/cli/report/reference.js';
import { lapReportDocument } from '../../src/cli/report/run-lap.js';
import { sessionReportDocument } from '../../src/cli/report/run-session.js';
import { optimismLines, renderSessionReport, renderShiftTable } from '../../src/cli/report/session-render.js';
import { missingShiftChannels } from '../../src/cli/report/session-report.js';
import { fmtDistanceDiff, fmtSigned, fmtSpeed, parseUnitSystem, unitsOf } from '../../src/cli/report/units.js';
import { demoFixture, PLANTED } from './report-fixture.js';

describe('units', () => {
  const metric = unitsOf('metric');
  const imperial = unitsOf('imperial');

  it('converts for display only: km/h and m, mph and ft', () => {
    expect(fmtSpeed(metric, 25)).toBe('90');
    expect(fmtSpeed(imperial, 25)).toBe('56');
    expect(fmtSpeed(metric, null)).toBe('–');
    expect(fmtDistanceDiff(metric, -18.4)).toBe('-18');
    expect(fmtDistanceDiff(imperial, -18.4)).toBe('-60');
    expect(fmtDistanceDiff(metric, 0.2)).toBe('0');
    expect(fmtSigned(0.2134)).toBe('+0.213');
    expect(fmtSigned(-0.0001)).toBe('+0.000');
    expect(fmtSigned(-1.02)).toBe('-1.020');
  });

  it('parses --units, refusing anything else in one line', () => {
    expect(parseUnitSystem(undefined)).toBe('metric');
    expect(parseUnitSystem(undefined, 'imperial')).toBe('imperial');
    expect(parseUnitSystem('Imperial')).toBe('imperial');
    expect(() => parseUnitSystem('furlongs')).toThrow("--units must be metric or imperial, got 'furlongs'");
  });
});

describe('--vs', () => {
  it('reads best, ref, lap M in every spelling', () => {
    expect(parseVs(undefined)).toEqual({ kind: 'best' });
    expect(parseVs(['best'])).toEqual({ kind: 'best' });
    expect(parseVs(['ref'])).toEqual({ kind: 'ref' });
    for (const words of [['lap', '7'], ['7'], ['lap7'], ['lap:7'], 'lap 7', ['LAP', '7']]) expect(parseVs(words)).toEqual({ kind: 'lap', number: 7 });
  });

  it('refuses anything else, naming it', () => {
    expect(() => parseVs(['fastest'])).toThrow("--vs 'fastest' is not a lap to compare with");
    expect(() => parseVs(['lap', '7', '12'])).toThrow("--vs 'lap 7 12' is not a lap to compare with");
  });
});

describe('charts', () => {
  it('fits the terminal: its columns, or 100 when piped, minus the axis labels', () => {
    expect(outputWidth(undefined)).toBe(100);
    expect(outputWidth(132)).toBe(132);
    expect(plotColumns(100)).toBe(92);
    expect(plotColumns(10)).toBe(20);
  });

  it('downsamples by slice means, skipping gaps, and stretches short series', () => {
    expect(downsample([1, 2, 3, 4, null, Number.NaN, 7, 8], 4)).toEqual([1.5, 3.5, null, 7.5]);
    expect(downsample([5, 6], 4)).toEqual([5, 5, 6, 6]);
    expect(fillGaps([null, 2, null, 4])).toEqual([2, 2, 2, 4]);
    expect(fillGaps([null, null])).toBeUndefined();
  });

  it('draws the lap solid over its reference dotted, on one shared scale', () => {
    expect(lineChart([1, 2, 3, 4, 3, 2], [2, 2, 2, 2, 2, 2], { height: 3 })).toEqual([
      '    4 ┤  ╭╮',
      '    3 ┤ ╭╯╰╮',
      '    2 ┤╭╯··╰',
      '    1 ┼╯',
    ]);
    expect(lineChart([null, null], undefined, { height: 3 })).toEqual([]);
    // Labels keep one width: decimals give way before the prefix grows.
    const wide = lineChart([-12.345, 3], undefined, { height: 2, decimals: 2 });
    expect(wide.map((l) => l.indexOf('┤') === -1 ? l.indexOf('┼') : l.indexOf('┤'))).toEqual([6, 6, 6]);
    expect(wide[2]).toBe('-12.3 ┼╯');
  });

  it('a span below one label step per row is widened so every row has its own label, and never prints -0.00', () => {
    // Two laps 3 ms apart: at 0.01 s labels the rows used to read -0.00 six times.
    const tiny = lineChart([0, -0.001, -0.003, -0.002, -0.0035], undefined, { height: 6, decimals: 2 });
    expect(tiny.map((l) => l.slice(0, 5))).toEqual([' 0.03', ' 0.02', ' 0.01', ' 0.00', '-0.01', '-0.02', '-0.03']);
    expect(tiny[3]).toBe(' 0.00 ┼────');
    // An ordinary span keeps its own scale.
    expect(lineChart([0, 0.5, 1], undefined, { height: 2, decimals: 2 }).map((l) => l.slice(0, 5))).toEqual([' 1.00', ' 0.50', ' 0.00']);
  });

  it('shows pedals as blocks, released as blank', () => {
    expect(sparkline([0, 0.01, 0.1, 0.5, 0.99, 1, null])).toBe('  ▁▅██ ');
  });

  it('marks corners at their apex column, skipping labels that would collide, and labels distance', () => {
    expect(cornerMarkers([{ number: 1, apex: 100 }, { number: 2, apex: 110 }, { number: 10, apex: 900 }], 1000, 40)).toBe('   T1                              T10');
    expect(distanceAxis(4599, 60, 'm')).toBe('0 m          1000         2000        3000         4000');
  });
});

const metrics = (m: Partial<CornerMetrics>): CornerMetrics => ({ number: 1, brakePoint: null, peakBrake: null, brakeRelease: null, trailBrakeDistance: 0, trailBrakeTime: 0, brakeAtTurnIn: null, turnIn: null, speedApex: 0, minSpeed: null, apexOffset: 0, throttlePickup: null, fullThrottle: null, coastingDistance: 0, coastingTime: 0, entrySpeed: null, exitSpeed: null, timeInCorner: 0, gearAtApex: null, ...m });

describe('corner table', () => {
  const rows: CornerRow[] = [
    {
      number: 1, name: null, direction: 'R', entry: 470, apex: 510, exit: 545, detected: true, added: false, phases: null,
      lap: metrics({ number: 1, brakePoint: 341, entrySpeed: 75, minSpeed: 16.6, exitSpeed: 29 }),
      reference: metrics({ number: 1, brakePoint: 359, entrySpeed: 76, minSpeed: 16.9, exitSpeed: 29.5 }),
      loss: { braking: 0.12, mid: 0.031, exit: 0.009, total: 0.16 },
    },
    {
      number: 6, name: 'Kink', direction: 'L', entry: 1950, apex: 2031, exit: 2120, detected: true, added: false, phases: null,
      lap: metrics({ number: 6, entrySpeed: 62, minSpeed: 61, exitSpeed: 65 }), reference: metrics({ number: 6, minSpeed: 61 }),
      loss: { braking: 0, mid: -0.002, exit: 0.001, total: -0.001 },
    },
  ];

  it('lists speeds and brake points in the user’s units and losses by phase, closed by the sums', () => {
    expect(renderCornerTable(rows, [{ after: 1, before: 6, loss: 0.05 }], { corners: 0.159, straights: 0.05, total: 0.209 }, unitsOf('metric'), 'lap 2')).toEqual([
      'CORNERS  speeds km/h, brake points m from the line (ΔBRAKE < 0: braked earlier)',
      '         time lost per phase in s (+ = lost against lap 2)',
      'CORNER   DIR  ENTRY  MIN  EXIT  ΔMIN  BRAKE@  ΔBRAKE    BRK    MID   EXIT    LOSS',
      'T1       R      270   60   104    -1     341     -18  +0.12  +0.03  +0.01  +0.160',
      'T6 Kink  L      223  220   234     0       –          +0.00  +0.00  +0.00  -0.001',
      'sum: corners +0.159  straights +0.050  total +0.209 s',
      'largest straight loss: +0.050 s after T1',
    ]);
    const imperial = renderCornerTable(rows, [], { corners: 0.159, straights: 0, total: 0.159 }, unitsOf('imperial'), 'x');
    expect(imperial[0]).toContain('speeds mph, brake points ft');
    expect(imperial[3]).toMatch(/^T1\s+R\s+168\s+37\s+65\s+-1\s+1119\s+-59\s/);
  });

  it('turns tips into plain language with the numbers, or says there is nothing to fix', () => {
    const tip = { corner: 4, loss: 0.21, phase: 'braking' as const, facts: [{ kind: 'brakePoint' as const, diff: -18 }, { kind: 'minSpeed' as const, diff: -6 / 3.6 }], text: '' };
    expect(renderTips([tip], unitsOf('metric'), 'your best')).toEqual(['COACHING', '  T4: braked 18 m earlier than your best, apex 6 km/h slower: 0.21 s']);
    expect(renderTips([], unitsOf('metric'), 'your best')).toEqual(['COACHING: no corner lost 0.05 s or more — nothing to fix here']);
  });
});

describe('whole reports on a demo session', () => {
  const { store } = demoFixture(PLANTED);
  afterAll(() => store.close());

  it('report lap: header, sectors, corner table, speed and delta charts, pedals, coaching; every line fits the width', async () => {
    const doc = await lapReportDocument(store, { lap: 3, vs: { kind: 'best' }, units: 'metric' });
    for (const width of [80, 100, 160]) {
      const lines = renderLapReport(doc, { units: unitsOf('metric'), width });
      const text = lines.join('\n');
      expect(lines[0]).toBe('session 1 · demo · Kestrel Park · Racecraft RC-1');
      expect(lines[1]).toMatch(/^lap 3 {2}1:32\.695 {2}flying, valid {2}vs lap 2 \(session best\) 1:32\.620 {2}Δ \+0\.075 s$/);
      expect(text).toMatch(/^SECTOR +LAP +REF +Δ$/m);
      expect(text).toMatch(/^CORNER +DIR +ENTRY +MIN +EXIT +ΔMIN +BRAKE@ +ΔBRAKE +BRK +MID +EXIT +LOSS$/m);
      expect(text).toMatch(/^T4 +L +\d+ +\d+ +\d+ +[+-]?\d+ +\d+ +-20 +\+0\.1\d .* \+0\.1\d\d$/m);
      expect(text).toMatch(/^SPEED km\/h: lap 3 ─ solid, lap 2 · dotted\n {2}\(the dotted line is hidden wherever the solid one covers it\)$/m);
      expect(text).toMatch(/^DELTA s: time behind lap 2/m);
      expect(text).toMatch(/^PEDALS: thr throttle, brk brake; ─ lap 3, · lap 2; ▁ light … █ full$/m);
      expect(text).toMatch(/^thr ─ {2}[▁▂▃▄▅▆▇█ ]+$/m);
      expect(text).toMatch(/^brk · {2}[▁▂▃▄▅▆▇█ ]+$/m);
      expect(text).toMatch(/^ {2}T4: braked 20 m earlier than your best/m);
      expect(text).toContain('┤');
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
    }
  });

  it('report session: lap table, best, theoretical best with its optimism, consistency, trend, grip and shift tables', () => {
    const text = renderSessionReport(sessionReportDocument(store, {}), unitsOf('metric')).join('\n');
    expect(text).toMatch(/^LAP +TIME +S1 +S2 +S3 +GAP +TYPE +WORST CORNERS$/m);
    expect(text).toMatch(/^ +3 +1:32\.695 .* flying +T4 \+0\.1\d/m);
    expect(text).toMatch(/^best: lap 2 {2}1:32\.620$/m);
    expect(text).toMatch(/^theoretical best: 1:3\d\.\d{3} from \d+ corner-to-corner segments of 6 clean laps,\n {2}1:32\.\d{3} from the best sectors$/m);
    expect(text).toMatch(/^ {2}optimism: the segments claim \d\.\d{3} s more than the sectors; (about \d\.\d{3} s of that\n {2}is expected from timing noise alone \(±0\.25 m per boundary\)|timing noise alone\n {2}\(±0\.25 m per boundary\) would give about \d\.\d{3} s, so all of it may be noise)$/m);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^consistency: 6 clean laps, σ 0\.\d{3} s, IQR 0\.\d{3} s, median 1:32\.\d{3}$/m);
    expect(text).toMatch(/^pace trend: [+-]\d\.\d{3} s\/lap \(95 % interval .*\) over 6 clean laps: /m);
    expect(text).toMatch(/^SPEED km\/h +LATERAL +BRAKING +TRACTION$/m);
    expect(text).toMatch(/^GEAR +OPTIMAL rpm +AT km\/h +YOUR rpm +SHIFTS +LOST s +BASIS$/m);
    expect(text).toMatch(/^ 3→4 +\d{4} +\d{3} +\d{4} +\d+ +\d\.\d{3} +crossover$/m);
  });
});

describe('the theoretical best\'s optimism in words', () => {
  it('part of the gain is noise: says how much', () => {
    expect(optimismLines({ optimism: 0.302, expectedNoiseBias: 0.147, positionNoise: 0.25 })).toEqual([
      '  optimism: the segments claim 0.302 s more than the sectors; about 0.147 s of that',
      '  is expected from timing noise alone (±0.25 m per boundary)',
    ]);
  });

  it('noise would explain more than the whole gain: says all of it may be noise, not "0.235 s of that 0.191 s"', () => {
    expect(optimismLines({ optimism: 0.191, expectedNoiseBias: 0.235, positionNoise: 0.25 })).toEqual([
      '  optimism: the segments claim 0.191 s more than the sectors; timing noise alone',
      '  (±0.25 m per boundary) would give about 0.235 s, so all of it may be noise',
    ]);
  });
});

describe('shift table of a recording without the channels it needs', () => {
  const trace = (names: string[]) => ({ length: 2, t: new Float64Array(2), distance: new Float64Array(2), channels: Object.fromEntries(names.map((n) => [n, new Float32Array(2)])) });

  it('names the channels no lap has (an imported file without rpm or gear), not "not enough full-throttle data"', () => {
    expect(missingShiftChannels([trace(['speed', 'throttle']), trace(['speed', 'throttle', 'gear'])])).toEqual(['rpm']);
    expect(missingShiftChannels([trace(['speed', 'throttle'])])).toEqual(['rpm', 'gear']);
    expect(missingShiftChannels([trace(['speed', 'rpm', 'gear', 'throttle'])])).toEqual([]);
    const units = unitsOf('metric');
    expect(renderShiftTable(null, units, ['rpm', 'gear'])).toEqual(['shifts: none — the recording has no rpm or gear channel']);
    expect(renderShiftTable(null, units, ['speed', 'rpm', 'gear'])).toEqual(['shifts: none — the recording has no speed, rpm or gear channel']);
    expect(renderShiftTable(null, units, [])).toEqual(['shifts: not enough full-throttle data in two or more gears']);
  });
});

describe('shift table rows without advice', () => {
  const gear = (g: number, basis: 'insufficient' | 'implausible' | 'crossover', optimalRpm: number | null) => ({ gear: g, optimalRpm, optimalSpeed: optimalRpm === null ? null : 40, rpmAfter: null, basis, shifts: 3, medianShiftRpm: 8000, timeLost: optimalRpm === null ? 0 : 0.1 });

  it("explains each '–' by its basis and prices nothing when no gear has an optimum", () => {
    const lines = renderShiftTable({ maxRpm: 8500, timeLost: 0, upshifts: 6, gears: [gear(1, 'implausible', null), gear(2, 'insufficient', null)] }, unitsOf('metric'));
    expect(lines).toContain('insufficient: too little full-throttle data in that gear or the next (drive more laps)');
    expect(lines).toContain("implausible: the gears' curves cross below any rpm driven in that gear at full throttle (extrapolated in both): no advice");
    expect(lines.at(-1)).toBe('shift timing not priced: no gear has an optimal shift point (6 upshifts made)');
  });

  it('prices the shifts as before when one gear has an optimum, with no basis notes for crossovers', () => {
    const lines = renderShiftTable({ maxRpm: 8500, timeLost: 0.1, upshifts: 3, gears: [gear(3, 'crossover', 7900)] }, unitsOf('metric'));
    expect(lines.at(-1)).toBe('total lost to shift timing: 0.100 s over 3 upshifts');
    expect(lines.some((l) => l.startsWith('insufficient:') || l.startsWith('implausible:'))).toBe(false);
  });
});

describe('report session of a one-lap session', () => {
  const { store } = demoFixture({ laps: 1, seed: 2 });
  afterAll(() => store.close());

  it('does not call the one lap a theoretical best with an optimism of 0.000 s', () => {
    const text = renderSessionReport(sessionReportDocument(store, {}), unitsOf('metric')).join('\n');
    expect(text).toMatch(/^theoretical best: needs at least 2 whole clean laps \(1\); it is the best lap itself$/m);
    expect(text).not.toContain('optimism');
    expect(text).toMatch(/^consistency: needs at least 2 clean laps \(1\)$/m);
  });
});
