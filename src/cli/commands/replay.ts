import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { readPcap } from '../../store/formats/index.js';
import { UserError } from '../errors.js';
import { createOut } from '../output.js';
import { parsePace, parsePort } from '../arguments.js';
import { udpTarget } from '../udp-target.js';

type ReplayOptions = { to: string; speed: string; port?: string };

/** Read a capture file with a one-line error for the usual problems. */
export async function readCaptureFile(path: string): Promise<ReturnType<typeof readPcap>> {
  const { readPcap } = await import('../../store/formats/pcap/read.js');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
  return readPcap(bytes, { file: path });
}

export function register(program: Command): void {
  program
    .command('replay')
    .description('send a recorded pcap capture again as UDP, with its original timing')
    .argument('<capture>', 'a .pcap or .pcapng file (from `record --raw`, tcpdump or Wireshark)')
    .requiredOption('--to <host:port>', 'where to send the datagrams (e.g. a `racecraft record` on 127.0.0.1:20777)')
    .option('--speed <factor>', "1 = original timing, 4 = four times faster, 'max' = as fast as possible", '1')
    .option('--port <n>', 'only the datagrams that went to this UDP port in the capture')
    .action(async (file: string, opts: ReplayOptions) => {
      const out = createOut();
      const pace = parsePace(opts.speed);
      const only = opts.port === undefined ? undefined : parsePort(opts.port, '--port');
      const { host, port } = await udpTarget(opts.to, '--to');
      const capture = await readCaptureFile(file);
      const datagrams = capture.datagrams.filter((d) => only === undefined || d.dstPort === only);
      if (datagrams.length === 0) throw new UserError(`${file} holds no UDP datagrams${only === undefined ? '' : ` to port ${only}`}`);
      const { closeSocket, openSendSocket } = await import('../../engine/capture/udp-socket.js');
      const socket = openSendSocket();
      await new Promise<void>((resolve) => socket.connect(port, host, () => resolve()));
      const start = performance.now();
      const t0 = datagrams[0]!.t;
      let sent = 0;
      try {
        for (const d of datagrams) {
          if (pace !== 'max') {
            const wait = start + ((d.t - t0) * 1000) / pace - performance.now();
            if (wait > 1) await new Promise((r) => setTimeout(r, wait));
          } else if (sent % 32 === 31) await new Promise((r) => setTimeout(r, 1));
          socket.send(d.payload);
          sent++;
        }
        await new Promise((r) => setImmediate(r));
      } finally {
        await closeSocket(socket);
      }
      out.note(`replayed ${sent} datagrams from ${file} to ${host}:${port}`);
    });
}
