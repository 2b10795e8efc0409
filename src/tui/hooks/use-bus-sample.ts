import { useEffect, useState } from 'react';
import type { FrameBus } from '../../engine/capture/frame-bus.js';

/**
 * Calls `redraw` on our own clock, not per packet: a 60 Hz game with 5 packet types would
 * otherwise drive 300 redraws a second. A frame arriving schedules one redraw, at once when the
 * last one is at least 1/fps ago, else when it will be: at most `fps` redraws a second, none
 * while nothing arrives, and the newest frame on screen within one redraw interval.
 * Returns the unsubscribe function.
 */
export function onBusFrames(bus: FrameBus, fps: number, redraw: () => void): () => void {
  const interval = 1000 / fps;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    last = performance.now();
    redraw();
  };
  const unsubscribe = bus.subscribe((event) => {
    if (event.kind !== 'frame' || timer !== undefined) return;
    timer = setTimeout(fire, Math.max(0, last + interval - performance.now()));
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * Re-renders the component at most `fps` times a second while frames arrive (see onBusFrames);
 * `fps` 0 = never. Returns a counter that changes with each redraw.
 */
export function useBusSample(bus: FrameBus | undefined, fps: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!bus || fps <= 0) return undefined;
    return onBusFrames(bus, fps, () => setTick((t) => t + 1));
  }, [bus, fps]);
  return tick;
}
