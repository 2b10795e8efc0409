/**
 * Last line of defence for "decoders never throw on network input": an exception inside a
 * decoder becomes one counted error result instead of killing the capture loop. The readers
 * are written so this never fires (the fuzz tests assert zero 'internal decoder error'
 * results); it exists so that a future bug costs one packet, nothing else.
 *
 * Shared by the AC, Forza and PCARS decoders (it lives here because helpers may only be added
 * inside those game folders).
 */
import type { DecodeResult, Decoder } from '../types.js';
import { decodeError } from '../types.js';

/** Detail prefix of the error result produced for an exception (tests look for it). */
export const INTERNAL_ERROR_PREFIX = 'internal decoder error';

export function guardDecode(decode: (packet: Uint8Array) => readonly DecodeResult[]): Decoder['decode'] {
  return (packet: Uint8Array): readonly DecodeResult[] => {
    try {
      return decode(packet);
    } catch (error) {
      return decodeError('bad-format', `${INTERNAL_ERROR_PREFIX}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
