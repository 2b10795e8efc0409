/**
 * racecraft as a Gran Turismo 7 / GT Sport Simulator Interface client (protocols.md §4).
 *
 * What the public clients do, and this peer does too:
 * - the heartbeat is ONE byte, the format letter: 'A' (296 B), 'B' (316 B), '~' (344 B), 'C' (368 B)
 *   (Nenkai/PDTools PDTools.SimulatorInterface/SimulatorInterfaceClient.cs sends (byte)'A';
 *   zetetos/gt-telemetry internal/reader/udpreader.go sends []byte(format));
 * - it goes to the console's port 33739 FROM the socket that receives on 33740: PDTools
 *   `new UdpClient(BindPort)` then SendAsync on it, gt7dashboard `s.bind(('0.0.0.0', 33740))` then
 *   `s.sendto(...)`, zetetos `conn.WriteToUDP` on the listening conn, and gt7speedboard
 *   (sb/gt7telemetryreceiver.py) binds 33741, 33742… when 33740 is taken and still receives, i.e. the
 *   console answers to the heartbeat's source address and port. So `send` must be the capture socket's.
 * - cadence: PDTools and zetetos every 10 s, gt7speedboard every 5 s, gt7dashboard every 100 packets
 *   (≈1.7 s at 60 Hz) and again at once when the stream stops. racecraft sends every 1.5 s (inside
 *   every one of those, a 1-byte datagram) and at once when the stream goes quiet.
 * - the console keeps the format the FIRST heartbeat asked for until the stream has stopped
 *   (SHWotever in Nenkai/PDTools issue #14: "The first heartbeat wins (A/B)"), so another app
 *   may already have chosen a smaller layout: the decoder follows the packet size, and the user is
 *   told once.
 */
import { FORMAT_SPECS, GT7_DEFAULT_FORMAT, GT7_HEARTBEAT_INTERVAL_MS, GT7_HEARTBEAT_PORT, encodeGt7Heartbeat, formatForSize, type Gt7Format } from '../../games/gt7/index.js';
import type { GamePeer, PeerReport, PeerSend } from './peer.js';

/** ms between heartbeats: below gt7dashboard's 100 packets (1.67 s), the tightest public cadence. */
export const GT7_PEER_HEARTBEAT_MS = GT7_HEARTBEAT_INTERVAL_MS;
/** ms without a packet after which the stream counts as stopped (and a heartbeat goes out at once). */
export const GT7_PEER_SILENCE_MS = 3000;
/** ms without any packet after the first heartbeat before the user is told what to check. */
export const GT7_PEER_WARN_AFTER_MS = 10_000;
const TICK_MS = 250;

export type Gt7HeartbeatOptions = {
  /** The console's IP address. */
  readonly host: string;
  /** The console's heartbeat port (33739 GT7, 33339 GT Sport). */
  readonly port?: number;
  /** Which packet layout to ask for. */
  readonly format?: Gt7Format;
  /** ms between heartbeats (default GT7_PEER_HEARTBEAT_MS). */
  readonly intervalMs?: number;
  /** ms of silence that counts as "stream stopped" (default GT7_PEER_SILENCE_MS). */
  readonly silenceMs?: number;
  /** ms without any packet before the one warning (default GT7_PEER_WARN_AFTER_MS). */
  readonly warnAfterMs?: number;
  /** Clock in ms (tests). */
  readonly now?: () => number;
};

export function createGt7HeartbeatPeer(options: Gt7HeartbeatOptions): GamePeer {
  const port = options.port ?? GT7_HEARTBEAT_PORT;
  const host = options.host;
  const format = options.format ?? GT7_DEFAULT_FORMAT;
  const beat = encodeGt7Heartbeat(format);
  const intervalMs = options.intervalMs ?? GT7_PEER_HEARTBEAT_MS;
  const silenceMs = options.silenceMs ?? GT7_PEER_SILENCE_MS;
  const warnAfterMs = options.warnAfterMs ?? GT7_PEER_WARN_AFTER_MS;
  const now = options.now ?? (() => Date.now());

  let sendTo: PeerSend | undefined;
  let report: PeerReport = () => {};
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastBeat = 0;
  let lastPacket = 0;
  let streaming = false;
  let quietSince = 0;
  let warnedQuiet = false;
  let warnedFormat = false;

  const heartbeat = (): void => {
    lastBeat = now();
    sendTo?.(beat, port, host);
  };

  const tick = (): void => {
    const t = now();
    if (streaming && t - lastPacket > silenceMs) {
      streaming = false;
      quietSince = t;
      warnedQuiet = false;
      report('info', `the console at ${host} stopped streaming (game closed or console asleep?); still sending heartbeats`);
      heartbeat();
      return;
    }
    if (!streaming && !warnedQuiet && t - quietSince >= warnAfterMs) {
      warnedQuiet = true;
      report(
        'warn',
        `no telemetry from the console at ${host} yet: is Gran Turismo running past its title screen, on the same network? ` +
          `This computer's firewall must let inbound UDP reach racecraft's port`,
      );
    }
    if (t - lastBeat >= intervalMs) heartbeat();
  };

  return {
    start(send, onReport) {
      sendTo = send;
      if (onReport) report = onReport;
      quietSince = now();
      heartbeat();
      timer = setInterval(tick, TICK_MS);
      timer.unref?.();
    },
    observe(packet) {
      const got = formatForSize(packet.length);
      if (got === undefined) return;
      lastPacket = now();
      if (!streaming) {
        streaming = true;
        report('info', `the console at ${host} is streaming format '${got}' (${packet.length}-byte packets)`);
      }
      if (got !== format && !warnedFormat) {
        warnedFormat = true;
        report(
          'warn',
          `asked for format '${format}' (${FORMAT_SPECS[format].size} B) but the console sends '${got}' (${packet.length} B): ` +
            `another app chose first, and the console keeps the first format until its stream stops; racecraft decodes '${got}'`,
        );
      }
    },
    stop() {
      // GT7 has no goodbye: the console stops by itself once heartbeats stop.
      if (timer) clearInterval(timer);
      timer = undefined;
      sendTo = undefined;
    },
  };
}
