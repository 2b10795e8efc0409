/**
 * Golden tests on the real F1 25 (v1.17) packets in ../shared/captures/f1 (formats 2023, 2024, 2025).
 *
 * Expected values were read from the bytes independently of racecraft's decoder, with Python's
 * struct module at the offsets of shared/research/protocols.md §1, e.g. for the 2025 player (slot 19):
 *   struct.unpack_from('<HfffBbH', telemetry, 29 + 60*19) -> (305, 1.0, -0.0, 0.0, 0, 8, 10926)
 *   struct.unpack_from('<ff', session, 745)               -> (1757.0526123046875, 3178.603759765625)
 */
import { describe, expect, it } from 'vitest';
import { describeShared } from '../../../helpers/shared.js';
import { createF1Decoder } from '../../../../src/engine/games/f1/index.js';
import { captureFile, captureFiles, decodeAll, frameOf, only, PSI_TO_KPA, sessionOf, tick, withFrameIds, type CaptureFormat } from './captures.js';

describeShared('F1 real captures (F1 25 v1.17, GamesDat fixtures)', () => {
  describe('every packet decodes without an error result', () => {
    const expectedIds: Record<CaptureFormat, Record<number, number>> = {
      // 13 files: ids 0–8, 10–13 (no lobby info 9 in the capture).
      2023: { 0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 10: 1, 11: 1, 12: 1, 13: 1 },
      // 13 files: ids 0–7, 10–14.
      2024: { 0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 10: 1, 11: 1, 12: 1, 13: 1, 14: 1 },
      // 29 files: ids 0–15 except 9, and 15 event packets.
      2025: { 0: 1, 1: 1, 2: 1, 3: 15, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 10: 1, 11: 1, 12: 1, 13: 1, 14: 1, 15: 1 },
    };
    const expectedSizes: Record<CaptureFormat, Record<number, number>> = {
      2023: { 0: 1349, 1: 644, 2: 1131, 3: 45, 4: 1306, 5: 1107, 6: 1352, 7: 1239, 8: 1020, 10: 953, 11: 1460, 12: 231, 13: 217 },
      2024: { 0: 1349, 1: 753, 2: 1285, 3: 45, 4: 1350, 5: 1133, 6: 1352, 7: 1239, 10: 953, 11: 1460, 12: 231, 13: 237, 14: 101 },
      2025: { 0: 1349, 1: 753, 2: 1285, 3: 45, 4: 1284, 5: 1133, 6: 1352, 7: 1239, 8: 1042, 10: 1041, 11: 1460, 12: 231, 13: 273, 14: 101, 15: 1131 },
    };
    for (const format of [2023, 2024, 2025] as const) {
      it(`format ${format}: per-id counts and sizes, no errors, each packet alone and all in one stream`, () => {
        const files = captureFiles(format);
        const ids: Record<number, number> = {};
        for (const { name, bytes } of files) {
          const id = bytes[6]!;
          ids[id] = (ids[id] ?? 0) + 1;
          expect(bytes[0]! | (bytes[1]! << 8), name).toBe(format);
          expect(bytes.length, name).toBe(expectedSizes[format][id]);
          const alone = createF1Decoder().decode(bytes);
          expect(only(alone, 'error'), name).toEqual([]);
          expect(alone.length, name).toBeGreaterThan(0);
        }
        expect(ids).toEqual(expectedIds[format]);
        expect(only(decodeAll(files.map((f) => f.bytes)), 'error')).toEqual([]);
      });
    }

    it('unused packet ids are skipped by name, events other than FLBK by code', () => {
      const damage = createF1Decoder().decode(captureFile(2025, 'packet-10.bin'));
      expect(damage.at(-1)).toEqual({ kind: 'skip', reason: 'car damage packet: not used' });
      const lapPositions = createF1Decoder().decode(captureFile(2025, 'packet-15.bin'));
      expect(lapPositions.at(-1)).toEqual({ kind: 'skip', reason: 'lap positions packet: not used' });
      const overtake = createF1Decoder().decode(captureFile(2025, 'packet-3-OVTK.bin'));
      expect(overtake.at(-1)).toEqual({ kind: 'skip', reason: 'event OVTK: not used' });
    });
  });

  describe('format 2025: Melbourne race, player in slot 19 of 18 active cars', () => {
    it('assembles motion + lap + telemetry + status of frame 64817 into one frame with the real values', () => {
      const results = decodeAll(tick(2025));
      const f = frameOf(results);
      expect(f.t).toBeCloseTo(1313.5943603515625, 9);
      expect(f.speed).toBeCloseTo(84.99830940232779, 9); // |world velocity| 305.994 km/h; m_speed says 305
      expect(f.throttle).toBe(1);
      expect(f.brake).toBe(0);
      expect(f.steer).toBe(-0);
      expect(f.clutch).toBe(0);
      expect(f.gear).toBe(8);
      expect(f.rpm).toBe(10926);
      expect(f.drs).toBe(0);
      expect(f.posX).toBeCloseTo(682.5384521484375, 9);
      expect(f.posY).toBeCloseTo(3.992971897125244, 9);
      expect(f.posZ).toBeCloseTo(581.2257690429688, 9);
      expect(f.gLat).toBeCloseTo(0.008282747119665146, 9);
      expect(f.gLon).toBeCloseTo(0.10370054095983505, 9);
      expect(f.gVert).toBeCloseTo(0.0495220385491848, 9);
      expect(f.yaw).toBeCloseTo(0.3025400638580322, 9);
      expect(f.pitch).toBeCloseTo(0.0046530961990356445, 9);
      expect(f.roll).toBeCloseTo(0.030473167076706886, 9);
      expect(f.lap).toBe(15);
      expect(f.lapDistance).toBe(3916.75);
      expect(f.lapTime).toBe(62.095);
      expect(f.lastLapTime).toBe(100.047);
      expect(f.sector).toBe(2);
      expect(f.lapInvalid).toBe(false);
      expect(f.inPit).toBe(false);
      expect(f.fuel).toBeCloseTo(13.611639976501465, 9);
      expect(f.engineTemp).toBe(123);
      // Wheel arrays are RL, RR, FL, FR on the wire: surface temps [69, 62, 63, 56], brakes [238, 238, 270, 271].
      expect([f.tyreTempFL, f.tyreTempFR, f.tyreTempRL, f.tyreTempRR]).toEqual([63, 56, 69, 62]);
      expect([f.brakeTempFL, f.brakeTempFR, f.brakeTempRL, f.brakeTempRR]).toEqual([270, 271, 238, 238]);
      expect(f.tyrePressFL).toBeCloseTo(24.202072143554688 * PSI_TO_KPA, 9);
      expect(f.tyrePressFR).toBeCloseTo(23.95344352722168 * PSI_TO_KPA, 9);
      expect(f.tyrePressRL).toBeCloseTo(21.383638381958008 * PSI_TO_KPA, 9);
      expect(f.tyrePressRR).toBeCloseTo(21.268939971923828 * PSI_TO_KPA, 9);
    });

    it('session: Melbourne 5276 m race with its sector starts; driver from slot 19, not slot 17 (active count - 1)', () => {
      const results = decodeAll([captureFile(2025, 'packet-1.bin'), captureFile(2025, 'packet-4.bin'), captureFile(2025, 'packet-7.bin')]);
      expect(only(results, 'new-session')).toEqual([{ kind: 'new-session', gameSessionId: '13158820877426480792' }]);
      expect(sessionOf(results)).toEqual({
        game: 'f1',
        format: '2025',
        gameSessionId: '13158820877426480792', // 0xb69d85de9dffd698
        trackKey: 'f1:0',
        trackName: 'Melbourne',
        trackLength: 5276,
        sectorStarts: [1757.0526123046875, 3178.603759765625],
        sessionType: 'race', // m_sessionType 15 in the F1 24/25 table (it would be "unknown" in F1 23's)
        driver: 'LECLERC',
        carName: 'Ferrari',
        carKey: 'f1:25:team-1',
        maxRpm: 13099,
        gearCount: 8, // m_maxGears 9
      });
    });

    it('flashback event → rewind to 1201.278 s', () => {
      const results = createF1Decoder().decode(captureFile(2025, 'packet-3-FLBK.bin'));
      expect(results.map((r) => r.kind)).toEqual(['new-session', 'session', 'rewind']);
      expect(only(results, 'rewind')[0]!.toT).toBeCloseTo(1201.2779541015625, 9);
    });

    it('the four sessions of the folder each start a new session, in file order', () => {
      const results = decodeAll(captureFiles(2025).map((f) => f.bytes));
      // Session UIDs by file (sorted): 0,1,10–13 b69d…; 14 fa7f…; 15,2,3-BUTN…3-TMPT b69d… (3-RCWN is 2058…);
      // 3.bin 3eba…; 4–7 b69d…; 8 2058….
      expect(only(results, 'new-session').map((r) => r.gameSessionId)).toEqual([
        '13158820877426480792', // 0xb69d85de9dffd698
        '18050307579809241992', // 0xfa7f931bf5121b88 (packet-14, Silverstone TT)
        '13158820877426480792',
        '2330631279895205791', // 0x205810cd0491579f (RCWN)
        '13158820877426480792', // RTMT…TMPT
        '4520007182093765741', // 0x3eba4a9586e9cc6d (packet-3.bin)
        '13158820877426480792', // packet-4
        '2330631279895205791', // packet-8
      ]);
    });
  });

  describe('format 2024: Silverstone time trial (F1 25 legacy 2024 output)', () => {
    it('frame values; telemetry/status (frame 39278) re-stamped to the motion/lap frame 39280 to assemble', () => {
      const [motion, lap, telemetry, status] = tick(2024);
      const results = decodeAll([motion!, lap!, withFrameIds(telemetry!, 39280, 39280), withFrameIds(status!, 39280, 39280)]);
      const f = frameOf(results);
      expect(f.t).toBeCloseTo(674.02099609375, 9);
      expect(f.lap).toBe(5);
      expect(f.lapDistance).toBeCloseTo(1106.291015625, 9); // offset 20 in 2024 (18 in 2023)
      expect(f.lapTime).toBe(19.223);
      expect(f.lastLapTime).toBe(90.05);
      expect(f.speed).toBeCloseTo(28.93873159588437, 9); // |world velocity| 104.179 km/h; m_speed says 104
      expect(f.gear).toBe(2);
      expect(f.rpm).toBe(9115);
      expect(f.steer).toBeCloseTo(-0.04747939109802246, 9);
      expect(f.gLat).toBeCloseTo(-1.3485989570617676, 9); // turning left
      expect(f.posX).toBeCloseTo(339.0989074707031, 9);
      expect([f.brakeTempFL, f.brakeTempFR, f.brakeTempRL, f.brakeTempRR]).toEqual([623, 613, 588, 587]);
      expect(f.fuel).toBe(10);
    });

    it('in file order the older telemetry/status frame arrives after the newer one: skipped as late, never a second frame', () => {
      const decoder = createF1Decoder();
      const [motion, lap, telemetry, status] = tick(2024);
      decoder.decode(motion!);
      decoder.decode(lap!);
      expect(decoder.decode(telemetry!)).toEqual([{ kind: 'skip', reason: 'late packet of a frame already emitted' }]);
      expect(decoder.decode(status!)).toEqual([{ kind: 'skip', reason: 'late packet of a frame already emitted' }]);
    });

    it('session: Silverstone 5890 m time trial (m_sessionType 18 with gameYear 25), sector starts, driver', () => {
      const results = decodeAll([captureFile(2024, 'packet-1.bin'), captureFile(2024, 'packet-4.bin')]);
      expect(sessionOf(results)).toEqual({
        game: 'f1',
        format: '2024',
        gameSessionId: '18050307579809241992',
        trackKey: 'f1:7',
        trackName: 'Silverstone',
        trackLength: 5890,
        sectorStarts: [1812.8475341796875, 4293.4560546875],
        sessionType: 'time-trial',
        driver: 'aSx_edoc',
        carName: 'Ferrari',
        carKey: 'f1:25:team-1',
      });
    });
  });

  describe('format 2023: Silverstone time trial (F1 25 legacy 2023 output: gameYear 0, overall frame id 0)', () => {
    it('assembles on m_frameIdentifier 40465 (overall id is 0) with lapDistance from offset 18', () => {
      const f = frameOf(decodeAll(tick(2023)));
      expect(f.t).toBeCloseTo(694.3632202148438, 9);
      expect(f.lap).toBe(5);
      expect(f.lapDistance).toBeCloseTo(89.83984375, 9);
      expect(f.lapTime).toBe(1.271);
      expect(f.lastLapTime).toBe(90.05);
      expect(f.speed).toBeCloseTo(73.34729647143533, 9); // |world velocity| 264.050 km/h; m_speed says 264
      expect(f.gear).toBe(7);
      expect(f.rpm).toBe(10378);
      expect(f.gLat).toBeCloseTo(-0.16580283641815186, 9);
      expect(f.gLon).toBeCloseTo(-0.2604371905326843, 9);
      expect(f.yaw).toBeCloseTo(2.5116474628448486, 9);
      expect(f.posZ).toBeCloseTo(270.37957763671875, 9);
      expect([f.brakeTempFL, f.brakeTempRL]).toEqual([544, 486]);
      expect(f.tyrePressFL).toBeCloseTo(24.740554809570312 * PSI_TO_KPA, 9);
      expect(f.fuel).toBe(10);
    });

    it('session: no sector starts in 2023; m_sessionType 18 read with the F1 24/25 table because gameYear is 0', () => {
      const results = decodeAll([captureFile(2023, 'packet-1.bin'), captureFile(2023, 'packet-4.bin'), captureFile(2023, 'packet-7.bin')]);
      expect(sessionOf(results)).toEqual({
        game: 'f1',
        format: '2023',
        gameSessionId: '18050307579809241992',
        trackKey: 'f1:7',
        trackName: 'Silverstone',
        trackLength: 5890,
        sessionType: 'time-trial',
        driver: 'aSx_edoc',
        carName: 'Ferrari',
        carKey: 'f1:25:team-1',
        maxRpm: 13099,
        gearCount: 8,
      });
    });
  });
});
