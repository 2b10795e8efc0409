import { readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { acProtocol, encodeAcHandshakeResponse, writeAcRtLap } from '../../../../src/engine/games/ac/index.js';
import { FORZA_VARIANTS, createForzaEncoder, forzaProtocol, writeForzaPacket } from '../../../../src/engine/games/forza/index.js';
import { createPc1Encoder, createPc2Encoder, pcars2Protocol } from '../../../../src/engine/games/pcars2/index.js';
import type { GameProtocol } from '../../../../src/engine/games/types.js';
import type { SessionInfo } from '../../../../src/engine/model/index.js';
import { describeShared, requireSharedFile, sharedPath } from '../../../helpers/shared.js';
import { fieldsOfRow, loadForzaCsv } from '../forza/csv-capture.js';
import { loadMonzaPackets } from '../ac/monza-capture.js';
import { loadPc1Packets } from './pc1-capture.js';
import { mulberry32 } from '../../../helpers/prng.js';

/**
 * Auto-detect: each sniffer accepts its own packets (real captures and encoder output of every
 * variant) and rejects the other two protocols', the real F1 25 packets (formats 2023/2024/2025)
 * and random packets of other games' sizes (GT7, OutGauge/OutSim).
 */
describeShared('sniffers of AC, Forza and PCARS tell each other and F1 apart', () => {
  const session: SessionInfo = { game: 'ac', trackKey: 'ac:ks_monza', carKey: 'ac:car', driver: 'x', trackLength: 5000, maxRpm: 8000, gearCount: 6 };
  const frame = { t: 1, lap: 2, lapTime: 1, lastLapTime: 90, speed: 30, gear: 3, lapDistance: 100 };
  const own: Record<'ac' | 'forza' | 'pcars2', Uint8Array[]> = {
    ac: [...loadMonzaPackets().filter((_, i) => i % 50 === 0), encodeAcHandshakeResponse(session), writeAcRtLap({ carIdentifierNumber: 0, lap: 1, driverName: 'Driver', carName: 'car', time: 90000 })],
    forza: [
      ...loadForzaCsv('laguna-seca.csv').map((row) => writeForzaPacket('fm7-dash', fieldsOfRow(row))),
      ...FORZA_VARIANTS.flatMap((variant) => createForzaEncoder({ variant }).encode(frame, { ...session, game: 'forza' })),
    ],
    pcars2: [
      ...loadPc1Packets(),
      ...[createPc2Encoder({ revision: 'v1' }), createPc2Encoder({ revision: 'v2' }), createPc1Encoder()].flatMap((e) => e.encode(frame, { ...session, game: 'pcars2' })),
    ],
  };
  const protocols: Record<keyof typeof own, GameProtocol> = { ac: acProtocol, forza: forzaProtocol, pcars2: pcars2Protocol };
  requireSharedFile('captures', 'f1', 'PROVENANCE.md');
  const f1 = ['gamesdat-2023', 'gamesdat-2024', 'gamesdat-2025'].flatMap((dir) =>
    readdirSync(sharedPath('captures', 'f1', dir)).map((file) => new Uint8Array(readFileSync(sharedPath('captures', 'f1', dir, file)))),
  );
  const rng = mulberry32(7);
  const otherGames = [
    ...[296, 316, 344, 368, 92, 96, 64, 68].flatMap((size) => Array.from({ length: 50 }, () => Uint8Array.from({ length: size }, () => Math.floor(rng() * 256)))),
    // LFS OutSim2 with OSO_MAIN | OSO_DRIVE | OSO_WHEELS is 232 bytes of mostly floats: Forza's Sled size.
    ...Array.from({ length: 50 }, () => new Uint8Array(Float32Array.from({ length: 58 }, () => (rng() - 0.5) * 20).buffer)),
  ];

  it('accepts every packet of its own protocol', () => {
    for (const [id, packets] of Object.entries(own) as [keyof typeof own, Uint8Array[]][]) {
      expect(packets.filter((p) => !protocols[id].sniff(p)).map((p) => p.length), id).toEqual([]);
    }
    expect(own.pcars2.length).toBeGreaterThan(2900);
  });

  it("rejects the other protocols' packets, real F1 packets and other games' sizes", () => {
    expect(f1.length).toBeGreaterThanOrEqual(55);
    for (const [id, protocol] of Object.entries(protocols)) {
      const foreign = [...Object.entries(own).filter(([other]) => other !== id).flatMap(([, p]) => p), ...f1, ...otherGames];
      expect(foreign.filter((p) => protocol.sniff(p)).map((p) => p.length), id).toEqual([]);
    }
  });
});
