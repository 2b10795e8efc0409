/**
 * racecraft as an Assetto Corsa remote-telemetry client (protocols.md §2).
 *
 * Wire conversation, as every public client does it (vpicon/acudp src/acudp.c, rickwest/
 * ac-remote-telemetry-client src/index.js, lewpar/AssettoNet Network/AssettoClient.cs,
 * RacingSimTools/AcUdpNet ACUdpNet/AcUdpClient.cs):
 *   1. from ONE local socket send the 12-byte handshaker {identifier 1, version 1, operation 0} to AC:9996;
 *   2. AC answers that socket with the 408-byte handshaker response (car, driver, track, layout);
 *   3. send the handshaker again with operation 1 (SUBSCRIBE_UPDATE): 328-byte RTCarInfo stream;
 *   4. on exit send operation 3 (DISMISS) so AC forgets the client.
 * AC only runs its server while a session is loaded and forgets its clients when the session is
 * reloaded, so silence means "ask again". None of the public clients retries; racecraft does,
 * with a back-off (a datagram every few seconds, never a flood) and one message per state change.
 */
import { AC_HANDSHAKE_RESPONSE_SIZE, AC_OPERATION, AC_PORT, encodeAcHandshake, readAcHandshakeResponse, sniffAc } from '../../games/ac/index.js';
import type { GamePeer, PeerReport, PeerSend } from './peer.js';

export type AcClientOptions = {
  /** The PC running Assetto Corsa. */
  readonly host: string;
  /** AC's server port (default 9996). */
  readonly port?: number;
  /** ms without an AC packet after which racecraft handshakes again (default 3000). */
  readonly silenceMs?: number;
  /** ms, longest wait between two unanswered handshakes (default 10000). */
  readonly maxRetryMs?: number;
  /** ms without any answer after which the user is told once what to check (default 10000). */
  readonly warnAfterMs?: number;
  /** Clock in ms (tests). */
  readonly now?: () => number;
};

export const AC_CLIENT_DEFAULTS = { silenceMs: 3000, maxRetryMs: 10_000, warnAfterMs: 10_000, tickMs: 250 } as const;

type Phase =
  /** Handshake sent, waiting for the 408-byte response. */
  | 'asking'
  /** Response received and SUBSCRIBE_UPDATE sent, waiting for RTCarInfo. */
  | 'subscribed'
  /** RTCarInfo (or RTLap) arriving. */
  | 'streaming';

/**
 * The AC client peer. Sends the handshake at start, subscribes to updates on each handshake
 * response, re-handshakes with back-off (silenceMs, 2×, 4×… capped at maxRetryMs) while AC is
 * silent, and dismisses on stop if it ever subscribed.
 */
export function createAcClientPeer(options: AcClientOptions): GamePeer {
  const port = options.port ?? AC_PORT;
  const host = options.host;
  const silenceMs = options.silenceMs ?? AC_CLIENT_DEFAULTS.silenceMs;
  const maxRetryMs = Math.max(silenceMs, options.maxRetryMs ?? AC_CLIENT_DEFAULTS.maxRetryMs);
  const warnAfterMs = options.warnAfterMs ?? AC_CLIENT_DEFAULTS.warnAfterMs;
  const now = options.now ?? (() => Date.now());
  const where = `${host}:${port}`;

  let sendTo: PeerSend | undefined;
  let report: PeerReport = () => {};
  let timer: ReturnType<typeof setInterval> | undefined;
  let phase: Phase = 'asking';
  /** Time of the last valid AC packet (any of the three), or of start. */
  let lastHeard = 0;
  let lastHandshake = 0;
  /** Handshakes sent since AC last answered: drives the back-off. */
  let unanswered = 0;
  /** Start of the current outage (no valid answer since). */
  let outageSince = 0;
  let warnedOutage = false;
  let warnedWrongReply = false;
  let everSubscribed = false;
  /** A handshake is in flight: the next response triggers exactly one subscribe. */
  let awaitingResponse = false;

  const handshake = (): void => {
    lastHandshake = now();
    unanswered++;
    awaitingResponse = true;
    sendTo?.(encodeAcHandshake(AC_OPERATION.handshake), port, host);
  };

  /** Wait before the next handshake: silenceMs after the first, doubling, capped. */
  const retryDelay = (): number => Math.min(maxRetryMs, silenceMs * 2 ** Math.max(0, unanswered - 1));

  const tick = (): void => {
    const t = now();
    if (t - lastHeard < silenceMs) return;
    if (phase === 'streaming') {
      // AC went quiet after streaming: session ended, reloaded or the game closed.
      phase = 'asking';
      unanswered = 0;
      outageSince = t;
      warnedOutage = false;
      report('info', `Assetto Corsa at ${where} stopped sending (session ended or changed?); asking again`);
      handshake();
      return;
    }
    if (!warnedOutage && t - outageSince >= warnAfterMs) {
      warnedOutage = true;
      report(
        'warn',
        `no answer from Assetto Corsa at ${where}: start a session and get in the car; if AC runs on another PC, ` +
          `allow UDP ${port} through its firewall (racecraft keeps asking every ${Math.round(maxRetryMs / 1000)} s)`,
      );
    }
    if (t - lastHandshake >= retryDelay()) handshake();
  };

  const heard = (): void => {
    lastHeard = now();
    unanswered = 0;
    outageSince = lastHeard;
    warnedOutage = false;
  };

  return {
    start(send, onReport) {
      sendTo = send;
      if (onReport) report = onReport;
      lastHeard = now();
      outageSince = lastHeard;
      handshake();
      timer = setInterval(tick, AC_CLIENT_DEFAULTS.tickMs);
      timer.unref?.();
    },
    observe(packet) {
      if (!sniffAc(packet)) {
        // Something else answers on AC's port (or a corrupt datagram): it is not a sign of life.
        if (phase !== 'streaming' && !warnedWrongReply && packet.length !== 12) {
          warnedWrongReply = true;
          report('warn', `ignoring a ${packet.length}-byte reply: Assetto Corsa answers a handshake with ${AC_HANDSHAKE_RESPONSE_SIZE} bytes (is something else listening on ${where}?)`);
        }
        return;
      }
      heard();
      if (packet.length === AC_HANDSHAKE_RESPONSE_SIZE) {
        if (!awaitingResponse) return;
        awaitingResponse = false;
        const response = readAcHandshakeResponse(packet);
        const what = 'code' in response ? '' : `: ${response.carName || '?'} at ${response.trackName || '?'}`;
        sendTo?.(encodeAcHandshake(AC_OPERATION.subscribeUpdate), port, host);
        everSubscribed = true;
        if (phase === 'asking') report('info', `Assetto Corsa at ${where} answered${what}; subscribed to car updates`);
        phase = 'subscribed';
        return;
      }
      phase = 'streaming';
    },
    stop(send) {
      if (timer) clearInterval(timer);
      timer = undefined;
      // Only a subscribed client is on AC's list; the dismiss takes it off (AC stops sending).
      if (everSubscribed) send(encodeAcHandshake(AC_OPERATION.dismiss), port, host);
      sendTo = undefined;
    },
  };
}
