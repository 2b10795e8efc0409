import type { Socket } from 'node:dgram';
import type { Encoder } from '../games/types.js';
import type { SessionInfo, TelemetryFrame } from '../model/index.js';

export type DemoPace = number | 'max';

export type DemoSendOptions = {
  readonly frames: Iterable<TelemetryFrame>;
  readonly session: SessionInfo;
  readonly encoder: Encoder;
  readonly socket: Socket;
  readonly host: string;
  readonly port: number;
  /** 1 = real time, 4 = four times faster, 'max' = as fast as the receiver keeps up. */
  readonly pace: DemoPace;
  /**
   * Packets sent but not yet handled by the receiver, when it runs in this process. With 'max'
   * the sender waits while too many are in flight, so loopback never overflows the socket buffer.
   */
  readonly inFlight?: (sent: number) => number;
  /** How many packets may be in flight with `inFlight` (sized from the receive buffer). */
  readonly maxInFlight?: number;
  readonly signal?: AbortSignal;
  /** Called after each frame's packets are sent (for progress lines). */
  readonly onFrame?: (frame: TelemetryFrame) => void;
};

const DEFAULT_MAX_IN_FLIGHT = 128;
const BATCH_WITHOUT_FEEDBACK = 64;

/**
 * Plays a simulation to a UDP port as the game would: each frame's packets, paced by the
 * frame clock. Resolves with the number of packets sent.
 */
export async function sendDemo(options: DemoSendOptions): Promise<number> {
  const { socket, host, port, pace, encoder, session } = options;
  let sent = 0;
  const startWall = performance.now();
  let firstT: number | undefined;
  let sinceYield = 0;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  // A connected socket skips the per-datagram address lookup: several times faster on loopback.
  await new Promise<void>((resolve) => socket.connect(port, host, () => resolve()));
  for (const frame of options.frames) {
    if (options.signal?.aborted) break;
    firstT ??= frame.t;
    if (pace !== 'max') {
      const due = startWall + ((frame.t - firstT) * 1000) / pace;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
    }
    for (const packet of encoder.encode(frame, session)) {
      socket.send(packet);
      sent++;
    }
    options.onFrame?.(frame);
    if (pace === 'max') {
      if (options.inFlight) {
        while (options.inFlight(sent) > maxInFlight && !options.signal?.aborted) await yieldToLoop();
      } else if (++sinceYield >= BATCH_WITHOUT_FEEDBACK) {
        sinceYield = 0;
        await sleep(1);
      }
    }
  }
  // Let the last datagrams leave the socket before the caller closes it.
  await yieldToLoop();
  return sent;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
