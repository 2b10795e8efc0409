import { describe, expect, it } from 'vitest';
import { acProtocol } from '../../../../src/engine/games/ac/index.js';
import { FORZA_DEFAULT_PORT, forzaProtocol } from '../../../../src/engine/games/forza/index.js';
import { pcars2Protocol } from '../../../../src/engine/games/pcars2/index.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';

describe('GameProtocol entries for AC, Forza and PCARS', () => {
  it('declare ids, labels, ports and in-game setup steps', () => {
    expect([acProtocol.id, acProtocol.label, acProtocol.defaultPorts]).toEqual(['ac', 'Assetto Corsa', [9996]]);
    expect([forzaProtocol.id, forzaProtocol.defaultPorts]).toEqual(['forza', [FORZA_DEFAULT_PORT]]);
    expect(FORZA_DEFAULT_PORT).toBe(5300);
    expect([pcars2Protocol.id, pcars2Protocol.label, pcars2Protocol.defaultPorts]).toEqual(['pcars2', 'Project CARS 2 / Automobilista 2', [5606]]);
    expect(acProtocol.setup).toContain('9996');
    expect(forzaProtocol.setup).toMatch(/Data Out.*5300/s);
    expect(forzaProtocol.setup).toContain('Car Dash');
    expect(pcars2Protocol.setup).toContain('UDP Protocol Version');
    expect(pcars2Protocol.setup).toContain('5606');
  });

  it('round-trip a frame through their own default encoder and a fresh decoder', () => {
    const frame: TelemetryFrame = { t: 12.5, lap: 3, lapTime: 12.5, speed: 41.5, rpm: 6100, gear: 4, throttle: 1, brake: 0 };
    for (const protocol of [acProtocol, forzaProtocol, pcars2Protocol]) {
      const session: SessionInfo = { game: protocol.id, maxRpm: 8000 };
      const decoder = protocol.createDecoder();
      const packets = protocol.createEncoder().encode(frame, session);
      expect(packets.every((p) => protocol.sniff(p)), protocol.id).toBe(true);
      const frames = packets.flatMap((p) => decoder.decode(p).flatMap((r) => (r.kind === 'frame' ? [r.frame] : [])));
      expect(frames, protocol.id).toHaveLength(1);
      expect(frames[0], protocol.id).toMatchObject({ lap: 3, gear: 4, rpm: 6100, throttle: 1, brake: 0 });
      expect(frames[0]!.speed, protocol.id).toBeCloseTo(41.5, 4);
    }
  });
});
