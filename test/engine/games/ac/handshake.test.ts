import { describe, expect, it } from 'vitest';
import {
  AC_OPERATION,
  acProtocol,
  createAcDecoder,
  encodeAcHandshake,
  encodeAcHandshakeResponse,
  readAcHandshake,
  readAcHandshakeResponse,
  readAcRtLap,
  writeAcRtLap,
} from '../../../../src/engine/games/ac/index.js';

/** A response as AC really sends it: UTF-16LE text, '%', then leftover memory (not NULs). */
function realisticResponse(): Uint8Array {
  const bytes = new Uint8Array(408);
  const view = new DataView(bytes.buffer);
  const put = (offset: number, text: string, garbage: string): void => {
    const full = `${text}%${garbage}`;
    for (let i = 0; i < 50 && i < full.length; i++) view.setUint16(offset + i * 2, full.charCodeAt(i), true);
  };
  // Values of the same shape as a real response dumped by a Node client ("bmw_m3_e30_gra%" + junk).
  put(0, 'bmw_m3_e30_gra', 'ph\u0000x\u00ff\u1234junk');
  put(100, 'pankoscielniak', '');
  view.setInt32(200, 4242, true);
  view.setInt32(204, 1, true);
  put(208, 'ks_monza', 'old_track_name_left_in_memory');
  put(308, 'junior', 'zz');
  return bytes;
}

describe('AC handshake', () => {
  it('encodes the 12-byte request as {identifier, version, operationId}', () => {
    expect([...encodeAcHandshake(AC_OPERATION.subscribeUpdate)]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect([...encodeAcHandshake(AC_OPERATION.dismiss, 3, 7)]).toEqual([3, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0]);
    expect(readAcHandshake(encodeAcHandshake(AC_OPERATION.subscribeSpot, 2, 1))).toEqual({ identifier: 2, version: 1, operation: 2 });
    expect(readAcHandshake(new Uint8Array(11))).toMatchObject({ code: 'bad-size' });
  });

  it('cuts response strings at the % terminator and ignores the garbage after it', () => {
    expect(readAcHandshakeResponse(realisticResponse())).toEqual({
      carName: 'bmw_m3_e30_gra',
      driverName: 'pankoscielniak',
      identifier: 4242,
      version: 1,
      trackName: 'ks_monza',
      trackConfig: 'junior',
    });
    expect(acProtocol.sniff(realisticResponse())).toBe(true);
  });

  it('turns the response into the session: ac:<track>/<config>, ac:<car>, driver', () => {
    const results = createAcDecoder().decode(realisticResponse());
    expect(results).toEqual([
      {
        kind: 'session',
        session: {
          game: 'ac',
          format: 'ksudp',
          trackKey: 'ac:ks_monza/junior',
          trackName: 'ks_monza (junior)',
          carKey: 'ac:bmw_m3_e30_gra',
          carName: 'bmw_m3_e30_gra',
          driver: 'pankoscielniak',
        },
      },
    ]);
  });

  it('round-trips the demo response and flags a different car as a new session', () => {
    const session = { game: 'ac', trackKey: 'ac:ks_monza', carKey: 'ac:ks_audi_r8_lms', driver: 'Demo Driver' } as const;
    const packet = encodeAcHandshakeResponse(session);
    expect(packet).toHaveLength(408);
    expect(readAcHandshakeResponse(packet)).toEqual({
      carName: 'ks_audi_r8_lms',
      driverName: 'Demo Driver',
      identifier: 4242,
      version: 1,
      trackName: 'ks_monza',
      trackConfig: '',
    });
    const decoder = createAcDecoder();
    const first = decoder.decode(packet);
    expect(first).toEqual([{ kind: 'session', session: expect.objectContaining({ trackKey: 'ac:ks_monza', trackName: 'ks_monza' }) }]);
    expect(decoder.decode(packet).map((r) => r.kind)).toEqual(['session']);
    const other = encodeAcHandshakeResponse({ ...session, carKey: 'ac:ks_ferrari_488_gt3' });
    expect(decoder.decode(other).map((r) => r.kind)).toEqual(['new-session', 'session']);
  });

  it('reads RTLap spot events and reports them as skips (all cars, not the player stream)', () => {
    const lap = { carIdentifierNumber: 3, lap: 7, driverName: 'Someone', carName: 'ks_audi_r8_lms', time: 108_432 };
    const packet = writeAcRtLap(lap);
    expect(packet).toHaveLength(212);
    expect(readAcRtLap(packet)).toEqual(lap);
    expect(acProtocol.sniff(packet)).toBe(true);
    expect(createAcDecoder().decode(packet)).toEqual([{ kind: 'skip', reason: 'AC RTLap: car 3 lap 7 108432 ms' }]);
  });
});
