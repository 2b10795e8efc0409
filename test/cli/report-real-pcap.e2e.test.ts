import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encryptGt7Packet } from '../../src/engine/games/gt7/crypto.js';
import { FORMAT_SPECS } from '../../src/engine/games/gt7/formats.js';
import { createPcapWriter } from '../../src/store/formats/pcap/write.js';
import { assertBuilt, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';

/**
 * The real AC Monza and GT7 Spa captures as a user gets them into racecraft: `import` reads pcap
 * (not the raw payload dumps the captures come as), so each is wrapped in a pcap in a temp dir —
 * every payload one UDP datagram on the game's port, GT7's re-encrypted as the console sends them
 * — then imported and reported with the built binary.
 */
function pcapOf(payloads: Iterable<Uint8Array>, srcPort: number, dstPort: number, hz: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = createPcapWriter((c) => chunks.push(c.slice()));
  let i = 0;
  for (const payload of payloads) writer.write({ t: 1_700_000_000 + i++ / hz, srcPort, dstPort, payload });
  return Uint8Array.from(chunks.flatMap((c) => [...c]));
}

function* split(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at + size <= bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describeShared('racecraft import + report on the real captures wrapped in pcap (built binary)', () => {
  const tmp = tempDir();
  const ac = join(tmp.dir, 'ac-monza.pcap');
  const gt7 = join(tmp.dir, 'gt7-spa.pcap');
  const run = (db: string, ...args: string[]): Promise<CliResult> => runCli([...args, '--db', join(tmp.dir, db)], { timeoutMs: 30_000 });

  beforeAll(() => {
    assertBuilt();
    const acBytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
    writeFileSync(ac, pcapOf(split(acBytes, 328), 9996, 50_000, 58));
    const gtBytes = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures', 'gt7', 'zetetos-demo-spa-formatC.gtz'))));
    const ivXor = FORMAT_SPECS.C.ivXor[0]!;
    const encrypted = [...split(gtBytes, 368)].map((p, i) => encryptGt7Packet(p, 0x1000 + i, ivXor));
    writeFileSync(gt7, pcapOf(encrypted, 33739, 33740, 60));
  });
  afterAll(() => tmp.cleanup());

  it('AC Monza: import, then report lap 1 --vs 1 --json: 12 corners on 5,759 m, analysed from 246 m', async () => {
    const imported = await run('ac.db', 'import', ac);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('as session 1: 2 lap(s), 0 timed');
    const r = await run('ac.db', 'report', 'lap', '1', '--vs', '1', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { analysed: { from: number; to: number }; track: { length: number; distanceSource: string }; corners: { direction: string }[] };
    expect(doc.corners.map((c) => c.direction).join('')).toBe('RLRRLRRRLRLR');
    // Fitted from AC's normalized position (the capture has no handshake to give the length).
    expect(doc.track).toMatchObject({ distanceSource: 'progress', length: expect.closeTo(5758.8, 1) });
    expect(Math.round(doc.analysed.from)).toBe(246);
    const text = await run('ac.db', 'report', 'lap', '1', '--vs', '1');
    expect(text.stdout).toContain('samples begin 246 m after the line; the first 246 m are not analysed');
    const best = await run('ac.db', 'report', 'lap', '1');
    expect(best.code).toBe(1);
    expect(best.stderr).toContain('session 1 has no valid flying lap to compare with');
  });

  it('GT7 Spa: import, then corners and report session: 15–16 corners, lap 1 the best at 1:55.244, analysed from ≈ 127 m', async () => {
    const imported = await run('gt7.db', 'import', gt7);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 timed, best 1:55.244');
    const corners = await run('gt7.db', 'corners', '--json');
    expect(corners.code).toBe(0);
    const doc = JSON.parse(corners.stdout) as { corners: { direction: string }[]; analysed: { from: number } };
    // Blanchimont 1 (the optional L) turns 15°, right at the detector's minimum turn: whether it
    // counts depends on where the lap distances come from (imported pcap: the live projection).
    expect(doc.corners.map((c) => c.direction).join('')).toMatch(/^RRRLRRLLRLRRL?LRL$/);
    expect(Math.abs(doc.analysed.from - 127)).toBeLessThan(2);
    const session = await run('gt7.db', 'report', 'session');
    expect(session.code).toBe(0);
    expect(session.stdout).toMatch(/^best: lap 1 {2}1:55\.244$/m);
    expect(session.stdout).toMatch(/lap 1: samples begin 12[6-8] m after the line/);
  });
});
