import { readFileSync } from 'node:fs';
import { requireSharedFile } from '../../../helpers/shared.js';

/**
 * The real Project CARS 1 protocol capture (shared/captures/project-cars-1, CC0): 2,900 UDP
 * payloads concatenated without framing; the low 2 bits of byte 2 give the type and so the size.
 */
export function loadPc1Packets(): Uint8Array[] {
  const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'project-cars-1', 'pcars.bin.raw')));
  const sizeOfType = [1367, 1347, 1028];
  const packets: Uint8Array[] = [];
  let offset = 0;
  while (offset + 3 <= bytes.length) {
    const size = sizeOfType[(bytes[offset + 2] ?? 0) & 3];
    if (size === undefined || offset + size > bytes.length) throw new Error(`bad framing at byte ${offset}`);
    packets.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== bytes.length) throw new Error(`${bytes.length - offset} trailing bytes`);
  return packets;
}
