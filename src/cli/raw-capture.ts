import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
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
  /** Why the raw copy stopped early (a write failed), if it did. */
  readonly failure: string | undefined;
};

export function openRawCapture(path: string): RawCapture {
  let fd: number;
  try {
    // 'wx': an earlier capture under the same name is never overwritten (racecraft deletes nothing by itself).
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`the raw capture ${path} already exists`, 'give --raw a new file name (racecraft never overwrites a capture)');
    }
    throw new UserError(`cannot write the raw capture ${path}: ${(error as Error).message}`);
  }
  let pending: Uint8Array[] = [];
  let failure: string | undefined;
  const writer: PcapWriter = createPcapWriter((chunk) => {
    if (failure === undefined) pending.push(chunk);
  });
  const flush = (): void => {
    if (pending.length === 0 || failure !== undefined) return;
    try {
      for (const chunk of pending) writeSync(fd, chunk);
    } catch (error) {
      // A full disk ends the raw copy, not the recording (the database keeps the session).
      failure = (error as Error).message;
    }
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
      // Nothing arrived (or the port could not be opened): no header-only file left to block the next --raw with that name.
      if (writer.count === 0) rmSync(path, { force: true });
    },
    get count() {
      return writer.count;
    },
    get failure() {
      return failure;
    },
  };
}
