import type { TrackDesign } from '../types.js';

/**
 * Harbour Ring: an anticlockwise street-style circuit the project designed for the demo. A
 * 1.1 km harbour-front straight ends in a tight hairpin; the infield has a right-left chicane,
 * fast kinks on the east side and a slow left onto the start straight. Lengths of the two
 * adjustable straights are set by the closure solver.
 */
export const HARBOUR_RING: TrackDesign = {
  id: 'harbour',
  name: 'Harbour Ring',
  rotation: 'ccw',
  sectorFractions: [0.31, 0.64],
  pieces: [
    { kind: 'straight', length: 300 },
    { kind: 'corner', direction: 'left', radius: 100, angleDeg: 60, transition: 30 },
    { kind: 'straight', length: 110 },
    { kind: 'corner', direction: 'left', radius: 200, angleDeg: 30, transition: 45 },
    { kind: 'straight', length: 90 },
    { kind: 'corner', direction: 'right', radius: 150, angleDeg: 40, transition: 40 },
    { kind: 'straight', length: 180 },
    { kind: 'corner', direction: 'left', radius: 40, angleDeg: 80, transition: 18 },
    { kind: 'straight', length: 250, adjustable: true },
    { kind: 'corner', direction: 'left', radius: 120, angleDeg: 50, transition: 35 },
    { kind: 'straight', length: 1100 },
    { kind: 'corner', direction: 'left', radius: 20, angleDeg: 170, transition: 12, name: 'Harbour Hairpin' },
    { kind: 'straight', length: 300 },
    { kind: 'corner', direction: 'right', radius: 60, angleDeg: 80, transition: 20 },
    { kind: 'straight', length: 150, adjustable: true },
    { kind: 'corner', direction: 'left', radius: 30, angleDeg: 45, transition: 12, name: 'Chicane' },
    { kind: 'corner', direction: 'right', radius: 30, angleDeg: 45, transition: 12, name: 'Chicane' },
    { kind: 'straight', length: 260 },
    { kind: 'corner', direction: 'left', radius: 45, angleDeg: 90, transition: 20, closesHeading: true },
    { kind: 'straight', length: 300 },
  ],
};
