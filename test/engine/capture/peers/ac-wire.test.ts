/**
 * Golden bytes: racecraft's Assetto Corsa datagrams against the layouts public clients put on the wire.
 *
 * Sources (read through the project's code-search index):
 * - vpicon/acudp UDP.md @77121be (Kunos "AC Remote Telemetry" doc, re-published): struct handshaker
 *   {int identifier; int version; int operationId}, "set it to 1" for identifier and version,
 *   HANDSHAKE 0 / SUBSCRIBE_UPDATE 1 / SUBSCRIBE_SPOT 2 / DISMISS 3; response identifier "for now is just 4242",
 *   version 1.
 * - vpicon/acudp src/acudp.c @62675df: sends `acudp_setup_t {.identifier=1,.version=1,.operation_id=…}` (3 × int32,
 *   12 bytes); receives the response into `char buf[100*4 + 4*2]` (= 408) and the RTLap into `buf[100*2 + 4*3]`
 *   (= 212); src/format.c @099f4b1 reads names as 2-byte units up to 0x25 '%', identifier at 2*100, version at
 *   2*100+4, trackName at 2*100+2*4.
 * - rickwest/ac-remote-telemetry-client src/index.js @40f8e3b: Buffer.alloc(12), writeInt32LE(identifier, 0),
 *   writeInt32LE(version 1, 4), writeInt32LE(op, 8); dispatch by size 408/328/212;
 *   src/parsers/HandshakerResponseParser.js: utf-16le 100-byte strings at 0, 100, 208, 308, int32le at 200, 204.
 * - lewpar/AssettoNet Network/AssettoClient.cs @b4327dd: Identifier = 1, Version = 1 for every operation;
 *   Network/Struct/AssettoHandshakeData.cs: 100-byte arrays, IO/AssettoExtensions.cs cuts at the first '%'.
 * - RacingSimTools/AcUdpNet ACUdpNet/AcUdpClient.cs @08580ea: Identifier = 1, Version = 1, OperationId 0 / 1.
 *   (Its Handshaker.cs declares the response names as byte[50], i.e. 208 bytes: it contradicts the 408-byte wire
 *   size every other source and the real dump below agree on, so it is not followed.)
 * - A real response from the game, dumped with rickwest's parser: kkoscielniak/digital-garden
 *   knowledge/others/ac-telemetry.md @06521fc ("bmw_m3_e30_gra%", "pankoscielniak%" + NULs, identifier 4242,
 *   version 1, trackName "ks_monza66%" + memory garbage, trackConfig "ks_monza66%" + garbage, while driving
 *   the Junior layout).
 */
import { describe, expect, it } from 'vitest';
import {
  AC_HANDSHAKE_RESPONSE_SIZE,
  AC_HANDSHAKE_SIZE,
  AC_OPERATION,
  AC_PORT,
  AC_RT_LAP_SIZE,
  acProtocol,
  createAcDecoder,
  encodeAcHandshake,
  readAcHandshakeResponse,
  readAcRtLap,
} from '../../../../src/engine/games/ac/index.js';

/** The 12 bytes rickwest/acudp/AssettoNet send: three little-endian int32 {1, 1, op}. */
function publicHandshaker(operation: number): number[] {
  const bytes = Buffer.alloc(12);
  bytes.writeInt32LE(1, 0);
  bytes.writeInt32LE(1, 4);
  bytes.writeInt32LE(operation, 8);
  return [...bytes];
}

/** Writes UTF-16LE code units at `offset` exactly as given (Buffer, not our writer). */
function units(buffer: Buffer, offset: number, codes: readonly number[]): void {
  codes.forEach((code, i) => buffer.writeUInt16LE(code, offset + i * 2));
}

/** UTF-16 code units of `text` (a surrogate pair is two units, as on the wire). */
const chars = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/**
 * The real response of kkoscielniak's dump, rebuilt unit by unit at the offsets of rickwest's parser
 * (carName 0, driverName 100, identifier 200, version 204, trackName 208, trackConfig 308). The dump was
 * printed with stripNull, so trailing NULs are implied; every unit it shows is reproduced.
 */
function realDumpResponse(): Buffer {
  const b = Buffer.alloc(408);
  units(b, 0, chars('bmw_m3_e30_gra%'));
  units(b, 100, chars('pankoscielniak%'));
  b.writeInt32LE(4242, 200);
  b.writeInt32LE(1, 204);
  // "ks_monza66%" then 13 NULs, U+1C00 U+3BFB, 6 NULs, U+0310 U+00D8, NUL, U+B963 U+7FF7.
  units(b, 208, [...chars('ks_monza66%'), ...Array(13).fill(0), 0x1c00, 0x3bfb, ...Array(6).fill(0), 0x0310, 0x00d8, 0, 0xb963, 0x7ff7]);
  // "ks_monza66%" then U+BDAF, NUL, NUL, U+0230 U+3C94 U+3F7F U+C2AC U+BBCC, NUL, NUL, U+11C7 …
  units(b, 308, [...chars('ks_monza66%'), 0xbdaf, 0, 0, 0x0230, 0x3c94, 0x3f7f, 0xc2ac, 0xbbcc, 0, 0, 0x11c7, 0x3daf, 0xa8f4, 0xbbfe, 0x0e24, 0xbf7f]);
  return b;
}

describe('AC client datagrams, byte for byte against the public clients', () => {
  it('handshake, subscribe-update, subscribe-spot and dismiss are {1, 1, op} as 12 little-endian bytes', () => {
    expect(AC_HANDSHAKE_SIZE).toBe(12);
    expect([...encodeAcHandshake(AC_OPERATION.handshake)]).toEqual(publicHandshaker(0));
    expect([...encodeAcHandshake(AC_OPERATION.subscribeUpdate)]).toEqual(publicHandshaker(1));
    expect([...encodeAcHandshake(AC_OPERATION.subscribeSpot)]).toEqual(publicHandshaker(2));
    expect([...encodeAcHandshake(AC_OPERATION.dismiss)]).toEqual(publicHandshaker(3));
    // Spelled out once, so a change in the helper cannot hide a change on the wire.
    expect([...encodeAcHandshake(AC_OPERATION.handshake)]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect([...encodeAcHandshake(AC_OPERATION.dismiss)]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0]);
  });

  it('uses the sizes and port of the public clients: 9996, 408, 212', () => {
    expect(AC_PORT).toBe(9996);
    expect(AC_HANDSHAKE_RESPONSE_SIZE).toBe(100 * 4 + 4 * 2); // vpicon's recv buffer
    expect(AC_RT_LAP_SIZE).toBe(100 * 2 + 4 * 3);
  });
});

describe('AC handshake response from the real game (kkoscielniak dump)', () => {
  it('cuts every name at the % and ignores the memory garbage after it', () => {
    expect(readAcHandshakeResponse(realDumpResponse())).toEqual({
      carName: 'bmw_m3_e30_gra',
      driverName: 'pankoscielniak',
      identifier: 4242,
      version: 1,
      trackName: 'ks_monza66',
      trackConfig: 'ks_monza66',
    });
    expect(acProtocol.sniff(realDumpResponse())).toBe(true);
  });

  it('does not invent a layout from a trackConfig that repeats the track name', () => {
    const [result] = createAcDecoder().decode(realDumpResponse());
    expect(result).toEqual({
      kind: 'session',
      session: {
        game: 'ac',
        format: 'ksudp',
        trackKey: 'ac:ks_monza66',
        trackName: 'ks_monza66',
        carKey: 'ac:bmw_m3_e30_gra',
        carName: 'bmw_m3_e30_gra',
        driver: 'pankoscielniak',
      },
    });
  });

  it('keeps a real layout and non-ASCII names (UTF-16LE, BMP and a surrogate pair)', () => {
    const b = Buffer.alloc(408);
    units(b, 0, chars('ks_ferrari_488_gt3%'));
    units(b, 100, chars('Jérôme Žák 佐藤 🏁%'));
    b.writeInt32LE(4242, 200);
    b.writeInt32LE(1, 204);
    units(b, 208, chars('ks_nordschleife%'));
    units(b, 308, chars('endurance%'));
    expect(readAcHandshakeResponse(b)).toEqual({
      carName: 'ks_ferrari_488_gt3',
      driverName: 'Jérôme Žák 佐藤 🏁',
      identifier: 4242,
      version: 1,
      trackName: 'ks_nordschleife',
      trackConfig: 'endurance',
    });
    const [result] = createAcDecoder().decode(b);
    expect(result).toMatchObject({ kind: 'session', session: { trackKey: 'ac:ks_nordschleife/endurance', trackName: 'ks_nordschleife (endurance)', driver: 'Jérôme Žák 佐藤 🏁' } });
  });

  it('reads a 50-unit name with no terminator at all (all 100 bytes used)', () => {
    const b = Buffer.alloc(408);
    const long = 'x'.repeat(50);
    units(b, 100, chars(long));
    b.writeInt32LE(4242, 200);
    expect((readAcHandshakeResponse(b) as { driverName: string }).driverName).toBe(long);
  });

  it('reads an RTLap at rickwest/acudp offsets: car 0, lap 4, driver 8, car name 108, time 208', () => {
    const b = Buffer.alloc(212);
    b.writeInt32LE(5, 0);
    b.writeInt32LE(3, 4);
    units(b, 8, chars('Zoë Ødegård%'));
    units(b, 108, chars('ks_porsche_911_gt3_r_2016%'));
    b.writeInt32LE(121_734, 208);
    expect(readAcRtLap(b)).toEqual({ carIdentifierNumber: 5, lap: 3, driverName: 'Zoë Ødegård', carName: 'ks_porsche_911_gt3_r_2016', time: 121_734 });
  });
});
