import { buildSimTrack } from '../track.js';
import type { SimTrack, TrackDesign } from '../types.js';
import { HARBOUR_RING } from './harbour.js';
import { KESTREL_PARK } from './kestrel.js';

/** The designs of the built-in demo tracks. */
export const SIM_TRACK_DESIGNS: readonly TrackDesign[] = [KESTREL_PARK, HARBOUR_RING];

/** The built-in demo tracks, built once at load (about 1 ms each). */
export const SIM_TRACKS: readonly SimTrack[] = SIM_TRACK_DESIGNS.map(buildSimTrack);

/** The built-in track with this id ('kestrel', 'harbour'), or undefined. */
export function getSimTrack(id: string): SimTrack | undefined {
  return SIM_TRACKS.find((t) => t.id === id);
}
