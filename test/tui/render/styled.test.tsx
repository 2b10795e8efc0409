import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StyledLineText } from '../../../src/tui/components/StyledLines.js';
import { lineWidth, padLine, plainText, seg, toAnsi, truncateLine, type StyledLine } from '../../../src/tui/render/styled.js';

const LINE: StyledLine = [seg('LAP ', { dim: true }), seg('3  ', { bold: true }), seg(' 1:02.345', { bold: true }), seg('   best '), seg('█▌⣿┃', { color: 'magenta' })];

describe('styled lines', () => {
  it('cuts a line as Ink cuts a <Text wrap="truncate"> of the same text', () => {
    for (const width of [1, 2, 5, 8, 12, 20, 25, 27, 28, 40]) {
      const ink = render(
        <Box width={width}>
          <StyledLineText line={LINE} />
        </Box>,
      );
      const cut = truncateLine(LINE, width);
      expect(plainText(cut), `width ${width}`).toBe(ink.lastFrame()!.trimEnd());
      expect(lineWidth(cut)).toBeLessThanOrEqual(width);
      ink.unmount();
    }
    expect(truncateLine(LINE, 99)).toBe(LINE);
    expect(lineWidth(LINE)).toBe(28);
  });

  it('pads to a width and writes SGR codes per styled segment, or none without colour', () => {
    expect(plainText(padLine([seg('ab')], 5))).toBe('ab   ');
    expect(toAnsi([seg('a', { bold: true, color: 'red' }), seg(' '), seg('b', { dim: true, inverse: true })], true)).toBe('\u001B[1;31ma\u001B[0m \u001B[2;7mb\u001B[0m');
    expect(toAnsi([seg('g', { color: 'gray' })], true)).toBe('\u001B[90mg\u001B[0m');
    expect(toAnsi(LINE, false)).toBe(plainText(LINE));
    expect(seg('x', {})).toEqual({ text: 'x' });
  });

  it('draws a blank line as one line in Ink', () => {
    const ink = render(
      <Box flexDirection="column">
        <Text>a</Text>
        <StyledLineText line={[seg('')]} />
        <Text>b</Text>
      </Box>,
    );
    expect(ink.lastFrame()).toBe('a\n\nb');
    ink.unmount();
  });
});
