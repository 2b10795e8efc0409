import { afterAll, describe, expect, it } from 'vitest';
import { parseHostPort, parsePort } from '../../src/cli/arguments.js';
import { createPcapWriter } from '../../src/store/formats/index.js';
import { writeFileSync } from 'node:fs';
import { assertBuilt, runCli, tempDir } from '../helpers/cli.js';

describe('UDP ports and --to HOST:PORT on the command line', () => {
  it('parses ports 1–65535 (0 = any free port only where allowed), never wrapping 99999 to 34463', () => {
    expect(parsePort('20777', '--port')).toBe(20777);
    expect(parsePort('0', '--port', true)).toBe(0);
    expect(() => parsePort('0', '--to port')).toThrow("--to port must be a UDP port from 1 to 65535, got '0'");
    expect(() => parsePort('99999', '--port', true)).toThrow("--port must be a UDP port from 0 to 65535, got '99999'");
    expect(() => parsePort('20777.5', '--port')).toThrow('must be a UDP port');
  });

  it('parses HOST:PORT, a bracketed IPv6 host, and refuses the rest', () => {
    expect(parseHostPort('192.168.1.20:20777', '--to')).toEqual({ host: '192.168.1.20', port: 20777 });
    expect(parseHostPort('sim-pc.local:5300', '--to')).toEqual({ host: 'sim-pc.local', port: 5300 });
    expect(parseHostPort('[fe80::1]:4444', '--to')).toEqual({ host: 'fe80::1', port: 4444 });
    for (const bad of ['nowhere', ':20777', 'host:', 'host:port']) expect(() => parseHostPort(bad, '--to')).toThrow(`--to must be HOST:PORT, got '${bad}'`);
    expect(() => parseHostPort('127.0.0.1:70000', '--to')).toThrow("--to port must be a UDP port from 1 to 65535, got '70000'");
  });
});

describe('record, demo and replay refuse a bad port or host with one line and exit 1 (built binary)', () => {
  const tmp = tempDir();
  const pcap = `${tmp.dir}/one.pcap`;
  afterAll(() => tmp.cleanup());

  it.each([
    [['record', '--headless', '--port', '99999'], "racecraft: --port must be a UDP port from 0 to 65535, got '99999'"],
    [['record', '--headless', '--game', 'gt7', '--host', 'no-such-host.invalid'], /^racecraft: --host: cannot find host 'no-such-host\.invalid' \((ENOTFOUND|EAI_AGAIN)\)\n$/],
    [['demo', '--to', '127.0.0.1:99999', '--laps', '1', '--speed', 'max'], "racecraft: --to port must be a UDP port from 1 to 65535, got '99999'"],
    [['demo', '--to', 'no-such-host.invalid:4000', '--laps', '1', '--speed', 'max'], /^racecraft: --to: cannot find host 'no-such-host\.invalid' \((ENOTFOUND|EAI_AGAIN)\)\n$/],
    [['replay', 'PCAP', '--to', '127.0.0.1:99999'], "racecraft: --to port must be a UDP port from 1 to 65535, got '99999'"],
    [['replay', 'PCAP', '--to', 'no-such-host.invalid:4000'], /^racecraft: --to: cannot find host 'no-such-host\.invalid' \((ENOTFOUND|EAI_AGAIN)\)\n$/],
    [['replay', 'PCAP', '--to', '[::1]:4000'], "racecraft: --to: racecraft sends over IPv4; give an IPv4 address or a host name, not '::1'"],
  ] as const)('%j', async (args, line) => {
    assertBuilt();
    const chunks: Uint8Array[] = [];
    createPcapWriter((c) => chunks.push(c.slice())).write({ t: 1, srcPort: 1, dstPort: 2, payload: new Uint8Array(8) });
    writeFileSync(pcap, Buffer.concat(chunks));
    const result = await runCli([...args.map((a) => (a === 'PCAP' ? pcap : a)), '--db', tmp.db], { timeoutMs: 30_000 });
    // A resolver without network answers EAI_AGAIN rather than ENOTFOUND: either is one clear line.
    if (typeof line === 'string') expect(result.stderr).toBe(`${line}\n`);
    else expect(result.stderr).toMatch(line);
    expect(result.code).toBe(1);
  }, 40_000);
});
