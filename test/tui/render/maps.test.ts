import { describe, expect, it } from 'vitest';
import { renderGGPlot } from '../../../src/tui/render/gg-plot.js';
import { CAR_MARK, START_MARK, renderTrackMap } from '../../../src/tui/render/track-map.js';

describe('track map', () => {
  const square = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 100 },
    { x: 0, y: 100 },
  ];

  it('draws a closed track scaled into the box with its aspect kept', () => {
    const lines = renderTrackMap({ path: square, closed: true }, 6, 3);
    // 6×3 cells are 12×12 dots: the square fills them exactly.
    expect(lines).toEqual(['⡏⠉⠉⠉⠉⢹', '⡇    ⢸', '⣇⣀⣀⣀⣀⣸']);
    // In a wide box it stays square, centred.
    expect(renderTrackMap({ path: square, closed: true }, 12, 3)).toEqual(['   ⡏⠉⠉⠉⠉⢹   ', '   ⡇    ⢸   ', '   ⣇⣀⣀⣀⣀⣸   ']);
  });

  it('sets corner numbers outside the line and the car and start marks on it', () => {
    const lines = renderTrackMap({ path: square, closed: true, corners: [{ x: 100, y: 100, number: 3 }], car: { x: 0, y: 50 }, start: { x: 50, y: 0 } }, 12, 6);
    const text = lines.join('\n');
    expect(lines).toHaveLength(6);
    expect(text).toContain('3');
    expect(text.split(CAR_MARK)).toHaveLength(2);
    expect(text.split(START_MARK)).toHaveLength(2);
    // The car is on the left edge, halfway down; the start line on the bottom edge.
    const carRow = lines.findIndex((l) => l.includes(CAR_MARK));
    expect(carRow).toBeGreaterThanOrEqual(2);
    expect(carRow).toBeLessThanOrEqual(3);
    expect(lines.findIndex((l) => l.includes(START_MARK))).toBe(5);
    // The corner number sits up and right of the top-right corner, outside the line.
    expect(lines.findIndex((l) => l.includes('3'))).toBe(0);
  });

  it('returns blank lines for a path it cannot draw', () => {
    expect(renderTrackMap({ path: [{ x: 1, y: 1 }], closed: false }, 4, 2)).toEqual(['    ', '    ']);
  });
});

describe('g-g plot', () => {
  it('draws axes, rings, the envelope and the current g marker', () => {
    const envelope = Array.from({ length: 8 }, () => 1);
    const lines = renderGGPlot({ envelope, current: { lat: 1, lon: 0 }, maxG: 2 }, 10, 5);
    expect(lines).toHaveLength(5);
    const text = lines.join('\n');
    expect(text).toContain('●');
    // The marker is right of the centre column on the middle row.
    const row = lines.findIndex((l) => l.includes('●'));
    expect(row).toBe(2);
    expect([...lines[row]!].indexOf('●')).toBeGreaterThan(5);
    expect(text.replace(/[\s●]/g, '').length).toBeGreaterThan(10);
  });
});
