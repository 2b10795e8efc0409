import { describe, expect, it } from 'vitest';
import { renderBar, renderCentredBar } from '../../../src/tui/render/bar.js';
import { BrailleCanvas } from '../../../src/tui/render/braille.js';
import { renderLineChart, chartPoints } from '../../../src/tui/render/chart.js';
import { renderDeltaBar } from '../../../src/tui/render/delta-bar.js';
import { fit, formatClock, formatDelta, formatDistanceDiff, formatGear, formatSector, formatSpeed } from '../../../src/tui/render/format.js';
import { renderRpmBar, shiftLight } from '../../../src/tui/render/rpm.js';
import { downsample, fillGaps, rangeOf } from '../../../src/tui/render/series.js';
import { renderSparkline } from '../../../src/tui/render/sparkline.js';
import { renderTable } from '../../../src/tui/render/table.js';

describe('format', () => {
  it('formats lap times, sectors and signed deltas', () => {
    expect(formatClock(92.681)).toBe('1:32.681');
    expect(formatClock(59.9996)).toBe('1:00.000');
    expect(formatClock(undefined)).toBe('–:––.–––');
    expect(formatSector(34.946)).toBe('34.946');
    expect(formatSector(64.5)).toBe('1:04.500');
    expect(formatDelta(0.2369)).toBe('+0.237');
    expect(formatDelta(-0.105)).toBe('-0.105');
    expect(formatDelta(0.0001)).toBe('±0.000');
    expect(formatDelta(-1.26, 1)).toBe('-1.3');
  });

  it('converts speeds and distances to the chosen units', () => {
    expect(formatSpeed(27.7778, 'metric')).toBe('100');
    expect(formatSpeed(27.7778, 'imperial')).toBe('62');
    expect(formatSpeed(undefined, 'metric')).toBe('–');
    expect(formatDistanceDiff(-12.4, 'metric')).toBe('-12 m');
    expect(formatDistanceDiff(10, 'imperial')).toBe('+33 ft');
    expect(formatGear(-1)).toBe('R');
    expect(formatGear(0)).toBe('N');
    expect(formatGear(4)).toBe('4');
    expect(fit('Kestrel Park', 8)).toBe('Kestrel…');
    expect(fit('abc', 5)).toBe('abc  ');
  });
});

describe('bars', () => {
  it('fills a bar in eighths', () => {
    expect(renderBar(0.55, 10)).toBe('█████▌    ');
    expect(renderBar(1.4, 4)).toBe('████');
    expect(renderBar(Number.NaN, 3)).toBe('   ');
  });

  it('centres a signed bar on its middle cell', () => {
    expect(renderCentredBar(-0.5, 9)).toBe('  ██│    ');
    expect(renderCentredBar(1, 9)).toBe('    │████');
    expect(renderCentredBar(0, 5)).toBe('  │  ');
  });

  it('marks the shift point on the rev bar and lights up before it', () => {
    expect(renderRpmBar(6000, 8000, 7000, 16)).toBe('████████████ ┃  ');
    expect(renderRpmBar(7900, 8000, 7000, 8)).toBe('██████┃▉');
    expect(shiftLight(6000, 7000)).toBe('off');
    expect(shiftLight(6600, 7000)).toBe('near');
    expect(shiftLight(7000, 7000)).toBe('shift');
    expect(shiftLight(7000, undefined)).toBe('off');
  });

  it('grows the delta bar left when ahead and right when behind, clipped at the range', () => {
    expect(renderDeltaBar(-0.5, 4, 1)).toEqual({ left: '  ██', right: '    ' });
    expect(renderDeltaBar(0.25, 4, 1)).toEqual({ left: '    ', right: '█   ' });
    expect(renderDeltaBar(5, 3, 1)).toEqual({ left: '   ', right: '███' });
    expect(renderDeltaBar(undefined, 2)).toEqual({ left: '  ', right: '  ' });
  });

  it('draws sparklines with gaps', () => {
    expect(renderSparkline([0, 0.5, 1], 0, 1)).toBe('▁▅█');
    expect(renderSparkline([0, null, 1, Number.NaN])).toBe('▁ █ ');
    expect(renderSparkline([2, 2])).toBe('▁▁');
  });
});

describe('series', () => {
  it('downsamples by column means and keeps gaps as NaN', () => {
    expect(downsample([1, 2, 3, 4], 2)).toEqual([1.5, 3.5]);
    expect(downsample([1, null, null, 4], 4)).toEqual([1, Number.NaN, Number.NaN, 4]);
    expect(downsample([0, 10, 20, 30, 40, 50], 2, 2, 6)).toEqual([25, 45]);
    expect(rangeOf([[3, Number.NaN, 1], [7]])).toEqual({ min: 1, max: 7 });
    expect(fillGaps([Number.NaN, 2, Number.NaN, 4, Number.NaN])).toEqual([2, 2, 2, 4]);
  });
});

describe('line chart (asciichart)', () => {
  it('plots two series with labelled axis lines (the later series on top)', () => {
    const lines = renderLineChart([[0, 1, 2, 3], [3, 3, 3, 3]], { height: 3, labelWidth: 3 });
    expect(lines).toEqual([
      '  3 ┼───',
      '  2 ┤ ╭╯',
      '  1 ┤╭╯',
      '  0 ┼╯',
    ]);
    expect(chartPoints(80, 5)).toBe(73);
  });

  it('says there is no data instead of failing on NaN', () => {
    const lines = renderLineChart([[Number.NaN, Number.NaN]], { height: 2, labelWidth: 3 });
    expect(lines).toEqual(['', '     (no data yet)', '']);
  });

  it('clamps values outside a fixed range', () => {
    const lines = renderLineChart([[-5, 0, 50]], { height: 2, min: 0, max: 10, labelWidth: 3 });
    expect(lines).toEqual([' 10 ┼ ╭', '  5 ┤ │', '  0 ┼─╯']);
  });
});

describe('braille canvas', () => {
  it('sets dots by bit and draws lines', () => {
    const c = new BrailleCanvas(2, 1);
    c.set(0, 0);
    c.set(1, 3);
    c.set(3, 1);
    expect(c.lines()).toEqual([`${String.fromCharCode(0x2800 + 0x01 + 0x80)}${String.fromCharCode(0x2800 + 0x10)}`]);
    const d = new BrailleCanvas(2, 1);
    d.line(0, 0, 3, 0);
    expect(d.lines()).toEqual(['⠉⠉']);
    d.text(1, 0, 'X');
    expect(d.lines()).toEqual(['⠉X']);
  });
});

describe('table', () => {
  it('aligns columns and drops the ones that do not fit', () => {
    const cols = [{ header: 'LAP' }, { header: 'TIME', align: 'right' as const }, { header: 'CATEGORY' }];
    expect(renderTable(cols, [['1', '1:32.918', 'flying']], 80)).toEqual(['LAP      TIME  CATEGORY', '1    1:32.918  flying']);
    expect(renderTable(cols, [['1', '1:32.918', 'flying']], 15)).toEqual(['LAP      TIME', '1    1:32.918']);
  });
});
