import { useEffect, useState } from 'react';
import type { FrameBus } from '../../engine/capture/frame-bus.js';

/**
 * Re-render on our own clock, not per packet: a 60 Hz game with 5 packet types would otherwise
 * drive 300 renders a second. Returns a counter that changes `fps` times a second.
 */
export function useBusSample(bus: FrameBus, fps: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let seen = -1;
    const timer = setInterval(() => {
      // Only re-render when something arrived since the last sample.
      const frames = bus.counters.frames + bus.counters.packets;
      if (frames !== seen) {
        seen = frames;
        setTick((t) => t + 1);
      }
    }, Math.max(1, Math.round(1000 / fps)));
    return () => clearInterval(timer);
  }, [bus, fps]);
  return tick;
}
