import { readFileSync } from 'node:fs';
import { requireSharedFile } from '../../../helpers/shared.js';

/**
 * The real AC capture (shared/captures/assetto-corsa, CC0): 8,641 RTCarInfo payloads of 328
 * bytes concatenated without framing, Audi R8 LMS at Monza, pit exit + one lap boundary.
 */
export function loadMonzaPackets(): Uint8Array[] {
  const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
  const packets: Uint8Array[] = [];
  for (let offset = 0; offset + 328 <= bytes.length; offset += 328) packets.push(bytes.subarray(offset, offset + 328));
  return packets;
}
