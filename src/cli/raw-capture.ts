import { closeSync, openSync, writeSync } from 'node:fs';
import { createPcapWriter, type PcapWriter } from '../store/formats/index.js';
import { UserError } from './errors.js';

/**
 * `record --raw FILE`: every datagram as it arrived, in a standard pcap file that Wireshark
 * opens and `racecraft import` re-analyses when the algorithms improve. Written through a small
 * buffer flushed four times a second, so a crash loses at most the last quarter second of it.
 */
export type RawCapture = {
  write(payload: Uint8Array, from: { address: string; port: number }, toPort: number): void;
  flush(): void;
  close(): void;
  readonly count: number;
};

export function openRawCapture(path: string): RawCapture {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new UserError(`cannot write the raw capture ${path}: ${(error as Error).message}`);
  }
  let pending: Uint8Array[] = [];
  const writer: PcapWriter = createPcapWriter((chunk) => pending.push(chunk));
  const flush = (): void => {
    if (pending.length === 0) return;
    for (const chunk of pending) writeSync(fd, chunk);
    pending = [];
  };
  const timer = setInterval(flush, 250);
  timer.unref();
  flush();
  return {
    write(payload, from, toPort) {
      writer.write({ t: Date.now() / 1000, srcAddr: from.address, srcPort: from.port, dstAddr: '127.0.0.1', dstPort: toPort, payload });
    },
    flush,
    close() {
      clearInterval(timer);
      flush();
      closeSync(fd);
    },
    get count() {
      return writer.count;
    },
  };
}
