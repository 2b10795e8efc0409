import { useLayoutEffect, useMemo, useRef } from 'react';
import type { FrameBus } from '../../engine/capture/frame-bus.js';
import { StyledLines } from '../components/StyledLines.js';
import { onBusFrames } from '../hooks/use-bus-sample.js';
import type { LivePainter } from '../live-painter.js';
import { LiveLines, liveScreenHeight, type LiveLayout } from '../render/live-lines.js';
import type { Units } from '../render/format.js';
import type { LiveInput } from '../state/live-view.js';

export { liveScreenHeight } from '../render/live-lines.js';

/** The painter's loop: the bus to follow, the rate, and where on the terminal the screen sits. */
export type LivePaint = {
  readonly painter: LivePainter;
  readonly bus: FrameBus;
  /** Paints per second at most (one per frame interval while frames arrive). */
  readonly fps: number;
  /** Terminal row (0 = top) of the screen's first line. */
  readonly top: number;
  /** The screen's input now (read at each paint). */
  readonly feed: () => LiveInput;
};

export type LiveScreenProps = {
  readonly input: LiveInput;
  readonly units: Units;
  readonly width: number;
  /** Rows this screen may use. */
  readonly height: number;
  /** Between renders, repaint the changed lines at this rate straight on the terminal. */
  readonly paint?: LivePaint;
};

/**
 * Live: what a racer glances at while driving, and the lap so far against the reference
 * (layout in render/live-lines.ts). Ink draws it when the workstation renders; with `paint`, the
 * live painter keeps it moving in between, from the same lines renderer.
 */
export function LiveScreen({ input, units, width, height, paint }: LiveScreenProps) {
  const renderer = useMemo(() => new LiveLines(), []);
  const layout: LiveLayout = { units, width, height };
  const lines = renderer.render(input, layout);
  const latest = useRef({ paint, layout });
  latest.current = { paint, layout };
  const painter = paint?.painter;
  const bus = paint?.bus;
  const fps = paint?.fps ?? 0;
  // A layout effect: its cleanup runs inside the commit that removes the screen, before Ink
  // draws the next one (a passive effect's cleanup runs later, and a paint due in between would
  // draw the Live screen over the new one).
  useLayoutEffect(() => {
    if (!painter || !bus || fps <= 0) return undefined;
    // Ink draws this render after the commit: the first paint must redraw every line over it.
    painter.invalidate();
    return onBusFrames(bus, fps, () => {
      const { paint: p, layout: l } = latest.current;
      if (p) p.painter.paint(p.top, l.width, renderer.render(p.feed(), l));
    });
  }, [painter, bus, fps, renderer]);
  return <StyledLines lines={lines} height={liveScreenHeight(height)} />;
}
