import type { TrackDesign } from '../types.js';

/**
 * Kestrel Park: a clockwise 4 km club circuit the project designed for the demo. A 1 km main
 * straight into a first-gear hairpin, a left-right chicane, fast sweepers and a slow final
 * complex. Lengths of the two adjustable straights are set by the closure solver.
 */
export const KESTREL_PARK: TrackDesign = {
  id: 'kestrel',
  name: 'Kestrel Park',
  rotation: 'cw',
  sectorFractions: [0.34, 0.68],
  pieces: [
    { kind: 'straight', length: 480 },
    { kind: 'corner', direction: 'right', radius: 18, angleDeg: 150, transition: 12, name: 'Hairpin' },
    { kind: 'straight', length: 260 },
    { kind: 'corner', direction: 'left', radius: 60, angleDeg: 60, transition: 20 },
    { kind: 'straight', length: 300 },
    { kind: 'corner', direction: 'right', radius: 120, angleDeg: 45, transition: 30 },
    { kind: 'straight', length: 140 },
    { kind: 'corner', direction: 'left', radius: 35, angleDeg: 40, transition: 14, name: 'Chicane' },
    { kind: 'corner', direction: 'right', radius: 35, angleDeg: 40, transition: 14, name: 'Chicane' },
    { kind: 'straight', length: 350, adjustable: true },
    { kind: 'corner', direction: 'right', radius: 200, angleDeg: 50, transition: 50 },
    { kind: 'straight', length: 150 },
    { kind: 'corner', direction: 'right', radius: 45, angleDeg: 90, transition: 20 },
    { kind: 'straight', length: 420 },
    { kind: 'corner', direction: 'left', radius: 90, angleDeg: 60, transition: 25 },
    { kind: 'straight', length: 260 },
    { kind: 'corner', direction: 'right', radius: 150, angleDeg: 70, transition: 40 },
    { kind: 'straight', length: 200, adjustable: true },
    { kind: 'corner', direction: 'right', radius: 25, angleDeg: 100, transition: 15, closesHeading: true },
    { kind: 'straight', length: 150 },
    { kind: 'corner', direction: 'left', radius: 250, angleDeg: 25, transition: 40 },
    { kind: 'straight', length: 520 },
  ],
};
